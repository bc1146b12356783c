-- $1 endpoint id, $2 computed_at, $3 run id. Shares are over the endpoint's stored requests (NULL when none).
INSERT INTO endpoint_quality
SELECT
  $1, $2::TIMESTAMPTZ, $3,
  count(*),
  avg(CASE WHEN lat IS NULL OR lon IS NULL THEN 1 ELSE 0 END),
  avg(CASE WHEN list_contains(quality_flags, 'coords_zero') THEN 1 ELSE 0 END),
  avg(CASE WHEN list_contains(quality_flags, 'coords_invalid') THEN 1 ELSE 0 END),
  avg(CASE WHEN list_contains(quality_flags, 'coords_out_of_bbox') THEN 1 ELSE 0 END),
  avg(CASE WHEN list_contains(quality_flags, 'coords_swapped') THEN 1 ELSE 0 END),
  avg(CASE WHEN list_has_any(quality_flags, ['updated_unparseable', 'expected_unparseable', 'closed_event_unparseable']) THEN 1 ELSE 0 END),
  avg(CASE WHEN requested_at > $2::TIMESTAMPTZ + INTERVAL 10 MINUTES OR updated_at > $2::TIMESTAMPTZ + INTERVAL 10 MINUTES THEN 1 ELSE 0 END),
  count(*) FILTER (WHERE status = 'closed'),
  count(*) FILTER (WHERE closed_at < requested_at),
  count(*) FILTER (WHERE closed_at >= requested_at AND closed_at < requested_at + INTERVAL 10 MINUTES),
  (SELECT count(*) FROM rejected_records WHERE endpoint_id = $1),
  avg(CASE WHEN category = 'other' THEN 1 ELSE 0 END)
FROM service_requests
WHERE endpoint_id = $1;
