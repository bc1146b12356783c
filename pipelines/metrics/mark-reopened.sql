-- Reopened = seen closed, then open again. A rebuild reads the whole status history; an incremental refresh keeps
-- what it knew and adds what the new runs saw: a stored close followed by an open now, or a close then an open
-- among the new status events. $1 = the oldest run already reflected in scope (events are appended in run order,
-- so DuckDB skips the older row groups).
CREATE OR REPLACE TEMP TABLE metric_new_history AS
SELECT e.endpoint_id, e.service_request_id,
  bool_or(e.status = 'open') AS saw_open,
  coalesce(max(e.observed_at) FILTER (WHERE e.status = 'open') > min(e.observed_at) FILTER (WHERE e.status = 'closed'), false) AS closed_then_open
FROM request_events e
LEFT JOIN metric_refresh_state r ON r.endpoint_id = e.endpoint_id
SEMI JOIN metric_changed k ON k.endpoint_id = e.endpoint_id AND k.service_request_id = e.service_request_id
WHERE e.status IN ('open', 'closed') AND (e.run_id > $1 OR $1 IS NULL) AND (r.run_through IS NULL OR e.run_id > r.run_through)
GROUP BY ALL;
