-- Replaces the state rows of the endpoints in scope with metric_new_state (new-refresh-state.sql).
DELETE FROM metric_refresh_state WHERE endpoint_id IN (SELECT endpoint_id FROM metric_scope);
INSERT INTO metric_refresh_state BY NAME SELECT * FROM metric_new_state;
DROP TABLE metric_new_state;
