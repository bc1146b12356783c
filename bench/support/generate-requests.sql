-- Generated canonical requests. Placeholders: {n} requests, {seed}, {start} and {asof} (ISO instants), {span} seconds.
-- Request i is opened at start + span·sqrt((i + jitter)/n): ids grow with time and volume grows over the years, as in
-- a real harvest. Durations are log-normal per service (a city's pace scales the median), some never close.
INSERT INTO service_requests (endpoint_id, service_request_id, status, status_raw, detailed_status, service_code, service_name,
  category, requested_at, updated_at, expected_at, closed_at, closed_at_source, lat, lon, media_urls, district, is_duplicate,
  quality_flags, content_hash, first_seen_at, last_seen_at, last_run_id)
WITH draws AS (
  SELECT i,
    (hash(i, {seed}, 1) % 1000000) / 1000000.0 AS u_endpoint, (hash(i, {seed}, 2) % 1000000) / 1000000.0 AS u_service,
    (hash(i, {seed}, 3) % 1000000 + 0.5) / 1000000.0 AS u_n1, (hash(i, {seed}, 4) % 1000000) / 1000000.0 AS u_n2,
    (hash(i, {seed}, 5) % 1000000) / 1000000.0 AS u_never, (hash(i, {seed}, 6) % 1000000) / 1000000.0 AS u_x,
    (hash(i, {seed}, 7) % 1000000) / 1000000.0 AS u_y, (hash(i, {seed}, 8) % 1000000) / 1000000.0 AS u_dup,
    (hash(i, {seed}, 9) % 1000000) / 1000000.0 AS u_source, (hash(i, {seed}, 10) % 1000000) / 1000000.0 AS u_outcome,
    (hash(i, {seed}, 11) % 1000000) / 1000000.0 AS u_located, (hash(i, {seed}, 12) % 1000000) / 1000000.0 AS u_expected,
    (hash(i, {seed}, 13) % 1000000) / 1000000.0 AS u_jitter
  FROM range({n}) t(i)
), placed AS (
  SELECT d.*, e.*, s.*,
    '{start}'::TIMESTAMPTZ + to_seconds(floor({span} * sqrt((d.i + d.u_jitter) / {n}))) AS requested_at,
    sqrt(-2 * ln(d.u_n1)) * cos(2 * pi() * d.u_n2) AS z,
    d.u_dup < 0.03 AS dup
  FROM draws d
  JOIN gen_endpoint_slots es ON es.slot = floor(d.u_endpoint * 1000)::INTEGER
  JOIN gen_endpoints e ON e.endpoint_idx = es.endpoint_idx
  JOIN gen_service_slots ss ON ss.endpoint_idx = e.endpoint_idx AND ss.slot = floor(d.u_service * 1000)::INTEGER
  JOIN gen_services s ON s.endpoint_idx = ss.endpoint_idx AND s.service_idx = ss.service_idx
), lived AS (
  SELECT *,
    -- Duplicates are closed within hours by the back office; the rest follow their service's model.
    requested_at + to_seconds(round(greatest(300, CASE WHEN dup THEN 10800 * exp(0.8 * z) ELSE median_days * 86400 * exp(sigma * z) END))) AS close_time,
    NOT dup AND u_never < never_share AS never_closes
  FROM placed
), shaped AS (
  SELECT *, NOT never_closes AND close_time <= '{asof}'::TIMESTAMPTZ AS is_closed FROM lived
)
SELECT
  endpoint_id, printf('%d', 100000000 + i), CASE WHEN is_closed THEN 'closed' ELSE 'open' END,
  CASE WHEN is_closed THEN 'Closed' ELSE 'Open' END,
  CASE WHEN is_closed AND dup THEN 'duplicate'
       WHEN is_closed THEN CASE WHEN u_outcome < 0.72 THEN 'fixed' WHEN u_outcome < 0.84 THEN 'no_action' WHEN u_outcome < 0.9 THEN 'referred'
                                WHEN u_outcome < 0.94 THEN 'rejected' END
       ELSE CASE WHEN u_outcome < 0.5 THEN 'submitted' WHEN u_outcome < 0.8 THEN 'acknowledged' ELSE 'in_progress' END END,
  service_code, service_name, category, requested_at,
  CASE WHEN is_closed THEN close_time
       ELSE requested_at + to_seconds(floor((epoch('{asof}'::TIMESTAMPTZ) - epoch(requested_at)) * u_outcome * 0.5)) END,
  CASE WHEN u_expected < expected_share THEN requested_at + to_seconds(target_days * 86400) END,
  CASE WHEN is_closed THEN close_time END,
  CASE WHEN NOT is_closed THEN NULL WHEN u_source < 0.75 THEN 'event' WHEN u_source < 0.9 THEN 'observed' ELSE 'updated_datetime' END,
  CASE WHEN u_located >= 0.05 THEN south + (north - south) * u_y END,
  CASE WHEN u_located >= 0.05 THEN west + (east - west) * u_x END,
  []::VARCHAR[],
  CASE WHEN u_located >= 0.05 THEN 'D' || (1 + floor(u_x * districts))::INTEGER END,
  dup, []::VARCHAR[], i::VARCHAR,
  least(requested_at + INTERVAL 1 HOUR, '{asof}'::TIMESTAMPTZ), '{asof}'::TIMESTAMPTZ, 1
FROM shaped;

-- Status history: the opening, the close, and for 1 % of closed requests a close and reopen before the final close.
INSERT INTO request_events (endpoint_id, service_request_id, observed_at, status, status_raw, detailed_status, updated_at, source, run_id)
SELECT endpoint_id, service_request_id, requested_at, 'open', 'Open', 'submitted', requested_at, 'harvest', 1 FROM service_requests
UNION ALL
SELECT endpoint_id, service_request_id, closed_at, 'closed', 'Closed', detailed_status, closed_at, 'harvest', 1 FROM service_requests WHERE status = 'closed'
UNION ALL
SELECT r.endpoint_id, r.service_request_id, r.requested_at + (r.closed_at - r.requested_at) * steps.step, steps.status, steps.status_raw,
  NULL, NULL, 'harvest', 1
FROM service_requests r, (VALUES (0.4, 'closed', 'Closed'), (0.6, 'open', 'Reopened')) AS steps(step, status, status_raw)
WHERE r.status = 'closed' AND hash(r.service_request_id, {seed}, 14) % 100 = 0;
