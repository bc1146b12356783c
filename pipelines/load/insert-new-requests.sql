-- New rows are appended as they are. $1 = harvest time, $2 = run id.
INSERT INTO service_requests BY NAME
SELECT * EXCLUDE (is_new, is_changed),
  NULL::TIMESTAMPTZ AS closed_after, $1::TIMESTAMPTZ AS first_seen_at, $1::TIMESTAMPTZ AS last_seen_at, $2::BIGINT AS last_run_id
FROM stage_typed
WHERE is_new;
