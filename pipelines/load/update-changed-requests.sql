-- Changed rows are rewritten; closed_at keeps its best evidence: event (the source says when) > observed (fed311
-- saw it open, then closed) > updated_datetime (proxy). $1 = harvest time, $2 = run id.
UPDATE service_requests AS t SET
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
FROM (SELECT * FROM stage_typed WHERE is_changed) AS x
WHERE t.endpoint_id = x.endpoint_id AND t.service_request_id = x.service_request_id;
