-- Coordinates in the narrow metric table, so that the map's hexagons for a bbox are one scan of metric_requests
-- instead of a join of the bbox's keys from service_requests with the whole metric table (10M requests: 690 ms
-- of CPU per call → under 300 ms; docs/api.md). Kept by the metric refresh like every other column; filled here
-- from the canonical rows for stores made before (about 40 s for 10M requests, once).
ALTER TABLE metric_requests ADD COLUMN lat DOUBLE;
ALTER TABLE metric_requests ADD COLUMN lon DOUBLE;
UPDATE metric_requests AS m SET lat = s.lat, lon = s.lon
FROM service_requests s
WHERE s.endpoint_id = m.endpoint_id AND s.service_request_id = m.service_request_id AND s.lat IS NOT NULL;
