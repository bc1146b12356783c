-- What the staged batch changes, computed once: new rows, rewritten rows, status changes.
INSERT INTO stage_diff
SELECT
  s.endpoint_id,
  s.service_request_id,
  s.status,
  s.status_raw,
  s.detailed_status,
  s.updated_at::TIMESTAMPTZ,
  r.service_request_id IS NULL,
  r.service_request_id IS NOT NULL AND r.content_hash <> s.content_hash,
  r.service_request_id IS NULL
    OR r.status <> s.status
    OR r.detailed_status IS DISTINCT FROM s.detailed_status
    OR r.updated_at IS DISTINCT FROM s.updated_at::TIMESTAMPTZ
FROM stage_requests s
LEFT JOIN service_requests r
  ON r.endpoint_id = s.endpoint_id AND r.service_request_id = s.service_request_id;
