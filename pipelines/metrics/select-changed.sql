-- Of the candidates (select-candidates.sql), those whose metric row must be rewritten.

-- What the refresh needs of their stored fact rows, in one pass over metric_requests: only these columns, since
-- DuckDB reads every selected column of every row before the join drops them (fact_row: to delete by rowid).
CREATE OR REPLACE TEMP TABLE metric_old AS
SELECT f.rowid AS fact_row, f.endpoint_id, f.service_request_id, f.fingerprint, f.status, f.reopened,
  f.category, f.duplicate, f.closed_at_source, f.requested_date, f.closed_date
FROM metric_requests f
SEMI JOIN metric_candidates c ON c.endpoint_id = f.endpoint_id AND c.service_request_id = f.service_request_id;

-- Only candidates whose fact row is missing or different are recomputed (a re-sighting changes nothing).
CREATE OR REPLACE TEMP TABLE metric_changed AS
SELECT row_number() OVER () AS rn, c.* EXCLUDE (last_seen_at, last_run_id)
FROM metric_candidates c
ANTI JOIN metric_old f
  ON f.endpoint_id = c.endpoint_id AND f.service_request_id = c.service_request_id AND f.fingerprint = c.fingerprint;
