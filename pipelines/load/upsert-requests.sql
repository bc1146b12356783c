-- Merges the staged batch into service_requests. $1 = harvest time, $2 = run id.
-- A re-sighting only moves last_seen_at; a changed record is rewritten; closed_at keeps its best evidence:
-- event (the source says when) > observed (fed311 saw open then closed) > updated_datetime (proxy).
MERGE INTO service_requests AS t
USING (
  SELECT * REPLACE (
    requested_at::TIMESTAMPTZ AS requested_at,
    updated_at::TIMESTAMPTZ AS updated_at,
    expected_at::TIMESTAMPTZ AS expected_at,
    closed_at::TIMESTAMPTZ AS closed_at,
    acknowledged_at::TIMESTAMPTZ AS acknowledged_at,
    CAST(media_urls AS JSON)::VARCHAR[] AS media_urls,
    CAST(quality_flags AS JSON)::VARCHAR[] AS quality_flags,
    CAST(extended AS JSON) AS extended,
    CAST(raw AS JSON) AS raw
  )
  FROM stage_requests
) AS x
ON t.endpoint_id = x.endpoint_id AND t.service_request_id = x.service_request_id
WHEN MATCHED AND t.content_hash <> x.content_hash THEN UPDATE SET
  token = x.token, status = x.status, status_raw = x.status_raw, detailed_status = x.detailed_status,
  service_code = x.service_code, service_name = x.service_name, category = x.category,
  agency_responsible = x.agency_responsible, service_notice = x.service_notice,
  description = x.description, status_notes = x.status_notes,
  requested_at = x.requested_at, updated_at = x.updated_at, expected_at = x.expected_at,
  closed_at = CASE
    WHEN x.status = 'open' THEN NULL
    WHEN x.closed_at_source = 'event' THEN x.closed_at
    WHEN t.status = 'open' THEN least(greatest(coalesce(x.updated_at, $1::TIMESTAMPTZ), t.last_seen_at), $1::TIMESTAMPTZ)
    WHEN t.closed_at_source = 'observed' THEN t.closed_at
    ELSE x.closed_at END,
  closed_at_source = CASE
    WHEN x.status = 'open' THEN NULL
    WHEN x.closed_at_source = 'event' THEN 'event'
    WHEN t.status = 'open' OR t.closed_at_source = 'observed' THEN 'observed'
    ELSE x.closed_at_source END,
  closed_after = CASE
    WHEN x.status = 'open' OR x.closed_at_source = 'event' THEN NULL
    WHEN t.status = 'open' THEN t.last_seen_at
    WHEN t.closed_at_source = 'observed' THEN t.closed_after
    ELSE NULL END,
  acknowledged_at = x.acknowledged_at, address = x.address, zipcode = x.zipcode, lat = x.lat, lon = x.lon,
  media_urls = x.media_urls, channel = x.channel, district = x.district,
  parent_request_id = x.parent_request_id, is_duplicate = x.is_duplicate,
  extended = x.extended, raw = x.raw, quality_flags = x.quality_flags, content_hash = x.content_hash,
  last_seen_at = $1::TIMESTAMPTZ, last_run_id = $2
WHEN MATCHED THEN UPDATE SET last_seen_at = $1::TIMESTAMPTZ, last_run_id = $2
WHEN NOT MATCHED THEN INSERT (
  endpoint_id, service_request_id, token, status, status_raw, detailed_status, service_code, service_name,
  category, agency_responsible, service_notice, description, status_notes, requested_at, updated_at,
  expected_at, closed_at, closed_at_source, closed_after, acknowledged_at, address, zipcode, lat, lon,
  media_urls, channel, district, parent_request_id, is_duplicate, extended, raw, quality_flags, content_hash,
  first_seen_at, last_seen_at, last_run_id
) VALUES (
  x.endpoint_id, x.service_request_id, x.token, x.status, x.status_raw, x.detailed_status, x.service_code,
  x.service_name, x.category, x.agency_responsible, x.service_notice, x.description, x.status_notes,
  x.requested_at, x.updated_at, x.expected_at, x.closed_at, x.closed_at_source, NULL, x.acknowledged_at,
  x.address, x.zipcode, x.lat, x.lon, x.media_urls, x.channel, x.district, x.parent_request_id,
  x.is_duplicate, x.extended, x.raw, x.quality_flags, x.content_hash,
  $1::TIMESTAMPTZ, $1::TIMESTAMPTZ, $2
);
