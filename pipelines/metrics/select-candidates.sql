-- Requests of the endpoints in metric_scope seen since the last refresh (all of them when the state is gone),
-- with the fact columns of metric_requests computed from the canonical row. "Since" is a later last_seen_at, or a
-- later harvest run (a test clock may not move between runs).
CREATE OR REPLACE TEMP TABLE metric_candidates AS
SELECT
  s.endpoint_id, s.service_request_id, s.category, s.service_code, s.district, s.lat, s.lon,
  s.status,
  CASE WHEN s.status <> 'closed' THEN NULL
       WHEN s.detailed_status IN ('fixed', 'no_action', 'duplicate', 'referred', 'rejected') THEN s.detailed_status
       ELSE 'unknown' END AS outcome,
  s.requested_at, s.updated_at, s.expected_at, s.closed_at, s.closed_at_source,
  s.requested_at::DATE AS requested_date, s.closed_at::DATE AS closed_date,
  -- SLA lookup order: the request's own expected_at, the endpoint's override, the category default.
  coalesce(s.expected_at, s.requested_at + to_seconds(coalesce(se.target_days, sd.target_days) * 86400)) AS target_at,
  -- Closes within 10 minutes (or before the request) are data-quality findings, not durations (METRICS.md).
  CASE WHEN epoch(s.closed_at) - epoch(s.requested_at) >= 600 THEN epoch(s.closed_at) - epoch(s.requested_at) END AS ttc_seconds,
  NULL::FLOAT AS ttc_step, -- set by refresh-metrics.ts (the step rule lives in km-sql.ts)
  s.is_duplicate OR s.parent_request_id IS NOT NULL AS duplicate,
  coalesce(s.detailed_status = 'reopened', false) AS reopened,
  hash(s.status, s.detailed_status, s.category, s.service_code, s.district, s.lat, s.lon, s.requested_at, s.updated_at,
       s.expected_at, s.closed_at, s.closed_at_source, s.is_duplicate, s.parent_request_id) AS fingerprint,
  s.last_seen_at, s.last_run_id
FROM service_requests s
JOIN metric_scope USING (endpoint_id)
LEFT JOIN metric_refresh_state r USING (endpoint_id)
LEFT JOIN metric_sla se ON se.endpoint_id = s.endpoint_id AND se.category = s.category
LEFT JOIN metric_sla sd ON sd.endpoint_id = '*' AND sd.category = s.category
WHERE (r.seen_through IS NULL OR s.last_seen_at > r.seen_through OR s.last_run_id > r.run_through)
  -- The same test against the scope's oldest watermark ($1 time, $2 run; NULL when an endpoint is rebuilt) needs no
  -- join, so DuckDB applies it while scanning and joins only the rows that pass.
  AND ($1::TIMESTAMPTZ IS NULL OR s.last_seen_at > $1::TIMESTAMPTZ OR s.last_run_id > $2::BIGINT);
