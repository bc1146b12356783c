-- Every endpoint with its coverage box, stored volume and freshness, last run, uptime and call latency over the
-- 30 days before $1 (now). Conformance and quality rows are read separately (their latest run per endpoint).
WITH volume AS (
  SELECT endpoint_id, count(*) AS requests, count(*) FILTER (status = 'open') AS open,
         min(requested_at) AS oldest_requested_at, max(requested_at) AS newest_requested_at, max(updated_at) AS newest_updated_at
  FROM service_requests GROUP BY endpoint_id
),
recent AS (
  SELECT endpoint_id, count(*) AS runs, count(*) FILTER (outcome = 'ok') AS ok,
         count(*) FILTER (outcome <> 'running') AS finished, median(latency_ms_p50) AS latency_ms_p50
  FROM harvest_runs WHERE started_at >= $1::TIMESTAMPTZ - INTERVAL 30 DAY GROUP BY endpoint_id
),
last_run AS (
  SELECT * FROM harvest_runs QUALIFY row_number() OVER (PARTITION BY endpoint_id ORDER BY run_id DESC) = 1
)
SELECT e.endpoint_id, e.name, e.base_url, e.jurisdiction_id, e.dialect, e.format, e.timezone, e.license, e.enabled,
       coalesce(e.bbox, s.learned_bbox) AS bbox,
       CASE WHEN e.bbox IS NOT NULL THEN 'registry' WHEN s.learned_bbox IS NOT NULL THEN 'learned' END AS bbox_source,
       coalesce(v.requests, 0) AS requests, coalesce(v.open, 0) AS open,
       strftime(v.oldest_requested_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS oldest_requested_at,
       strftime(v.newest_requested_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS newest_requested_at,
       strftime(v.newest_updated_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS newest_updated_at,
       round(epoch($1::TIMESTAMPTZ - s.last_success_at) / 3600, 2) AS freshness_hours,
       strftime(s.last_success_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS last_success_at, coalesce(s.backfill_complete, false) AS backfill_complete,
       r.run_id AS last_run_run_id, r.mode AS last_run_mode, strftime(r.started_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS last_run_started_at,
       strftime(r.finished_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS last_run_finished_at, r.outcome AS last_run_outcome,
       r.records_seen AS last_run_records_seen, r.error AS last_run_error,
       coalesce(u.runs, 0) AS uptime_runs, coalesce(u.ok, 0) AS uptime_ok,
       CASE WHEN u.finished > 0 THEN round(u.ok / u.finished, 4) END AS uptime_share_ok, u.latency_ms_p50
FROM endpoints e
LEFT JOIN harvest_state s USING (endpoint_id)
LEFT JOIN volume v USING (endpoint_id)
LEFT JOIN recent u USING (endpoint_id)
LEFT JOIN last_run r USING (endpoint_id)
ORDER BY e.endpoint_id
