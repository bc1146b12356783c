-- What the staged batch changes, computed once before the merge: new rows, rewritten rows, status changes.
CREATE OR REPLACE TEMP TABLE stage_diff AS
SELECT
  s.endpoint_id,
  s.service_request_id,
  s.status,
  s.status_raw,
  s.detailed_status,
  s.updated_at::TIMESTAMPTZ AS updated_at,
  r.service_request_id IS NULL AS is_new,
  r.service_request_id IS NOT NULL AND r.content_hash <> s.content_hash AS is_changed,
  r.service_request_id IS NULL
    OR r.status <> s.status
    OR r.detailed_status IS DISTINCT FROM s.detailed_status
    OR r.updated_at IS DISTINCT FROM s.updated_at::TIMESTAMPTZ AS is_status_change
FROM stage_requests s
LEFT JOIN service_requests r
  ON r.endpoint_id = s.endpoint_id AND r.service_request_id = s.service_request_id;
