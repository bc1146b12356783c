-- Metric tables (docs/metrics.md). All are derived from service_requests / request_events by refreshMetrics and
-- can be rebuilt from them at any time (refreshMetrics with full: true).

-- One narrow row per request with what the metrics read, so no metric query touches raw JSON or wide text.
CREATE TABLE metric_requests (
  endpoint_id VARCHAR NOT NULL,
  service_request_id VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  service_code VARCHAR,
  district VARCHAR,
  h3_cell UBIGINT,                 -- H3 cell at resolution 9; coarser cells are derived from its bits per query
  status VARCHAR NOT NULL,         -- open | closed (as stored now)
  outcome VARCHAR,                 -- closed requests: fixed | no_action | duplicate | referred | rejected | unknown
  requested_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ,
  expected_at TIMESTAMPTZ,
  closed_at TIMESTAMPTZ,
  closed_at_source VARCHAR,
  -- UTC days, stored because calendar functions on TIMESTAMPTZ go through ICU and cost ~10x more per row.
  requested_date DATE NOT NULL,
  closed_date DATE,
  target_at TIMESTAMPTZ,           -- expected_at, else requested_at + the SLA of metric_sla (docs/metrics.md)
  ttc_seconds DOUBLE,              -- closed_at - requested_at when it is a usable duration (>= 10 minutes), else NULL
  ttc_step FLOAT,                  -- that duration rounded up to its Kaplan–Meier step, in hours (km-sql.ts)
  duplicate BOOLEAN NOT NULL,      -- is_duplicate, or has a parent request
  reopened BOOLEAN NOT NULL,       -- seen closed, then open again (request_events, or detailed_status reopened)
  fingerprint UBIGINT NOT NULL     -- hash of the source columns, to skip re-sightings that changed nothing
);

-- Opened and closed counts per UTC day x endpoint x category (flow, backlog and volume read this).
CREATE TABLE metric_daily (
  day DATE NOT NULL,
  endpoint_id VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  duplicate BOOLEAN NOT NULL,
  close_source VARCHAR NOT NULL,   -- the request's closed_at_source, 'none' while open or unknown
  opened BIGINT NOT NULL,
  closed BIGINT NOT NULL
);

-- Per endpoint: requests last seen up to here (by time and by harvest run) are reflected in the metric tables.
-- One row per endpoint, kept by delete-then-insert: no index, so nothing to rebuild when the WAL is replayed.
CREATE TABLE metric_refresh_state (
  endpoint_id VARCHAR NOT NULL,
  seen_through TIMESTAMPTZ,
  run_through BIGINT,
  refreshed_at TIMESTAMPTZ        -- the caller's clock at the refresh (NULL when not given)
);

-- config/sla.yaml as loaded at the last refresh; endpoint_id '*' = every endpoint.
CREATE TABLE metric_sla (
  endpoint_id VARCHAR NOT NULL,
  category VARCHAR NOT NULL,
  target_days DOUBLE NOT NULL
);

-- User-loaded GeoJSON polygon sets and the requests that fall in each polygon.
CREATE TABLE metric_polygon_sets (
  set_id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  polygons INTEGER NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE metric_polygons (
  set_id VARCHAR NOT NULL,
  polygon_id VARCHAR NOT NULL,
  name VARCHAR,
  geometry JSON NOT NULL
);
CREATE TABLE metric_request_polygons (
  set_id VARCHAR NOT NULL,
  endpoint_id VARCHAR NOT NULL,
  service_request_id VARCHAR NOT NULL,
  polygon_id VARCHAR NOT NULL
);
