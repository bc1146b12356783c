-- A full refresh: the endpoints in metric_scope are rebuilt from their canonical rows.
DELETE FROM metric_daily WHERE endpoint_id IN (SELECT endpoint_id FROM metric_scope);
DELETE FROM metric_requests WHERE endpoint_id IN (SELECT endpoint_id FROM metric_scope);
DELETE FROM metric_request_polygons WHERE endpoint_id IN (SELECT endpoint_id FROM metric_scope);
DELETE FROM metric_refresh_state WHERE endpoint_id IN (SELECT endpoint_id FROM metric_scope);
