-- When each endpoint's GeoReport conformance was last checked, whatever it found. endpoint_checks holds findings
-- only, so an endpoint whose last check found nothing left no trace and read as "not checked" in /api/v1/endpoints
-- and on the health page. Filled here from the findings stored so far; an endpoint that had none is marked by its
-- next harvest.
CREATE TABLE endpoint_checked (
  endpoint_id VARCHAR PRIMARY KEY,
  checked_at TIMESTAMPTZ NOT NULL,
  run_id BIGINT
);
INSERT INTO endpoint_checked
SELECT endpoint_id, max(checked_at), arg_max(run_id, checked_at) FROM endpoint_checks GROUP BY endpoint_id;
