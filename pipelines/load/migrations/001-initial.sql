-- The tables of CONTRACT §2. Timestamps are TIMESTAMPTZ; every connection runs with TimeZone=UTC.
CREATE TABLE endpoints (
  endpoint_id VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  base_url VARCHAR NOT NULL,
  jurisdiction_id VARCHAR,
  dialect VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  timezone VARCHAR NOT NULL,
  license VARCHAR,
  bbox DOUBLE[],
  enabled BOOLEAN NOT NULL,
  config JSON NOT NULL,          -- the registry entry as loaded (never a key: only api_key_env names)
  registered_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE services (
  endpoint_id VARCHAR NOT NULL,
  service_code VARCHAR NOT NULL,
  service_name VARCHAR,
  description VARCHAR,
  metadata BOOLEAN,
  type VARCHAR,
  keywords VARCHAR,
  "group" VARCHAR,
  category VARCHAR NOT NULL,
  extended JSON,
  raw JSON,
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (endpoint_id, service_code)
);

-- One row per endpoint_id + service_request_id; uniqueness is kept by the MERGE in upsert-requests.sql
-- (no ART index: it would cost memory on 10M rows and the merge is a hash join anyway).
CREATE TABLE service_requests (
  endpoint_id VARCHAR NOT NULL,
  service_request_id VARCHAR NOT NULL,
  token VARCHAR,
  status VARCHAR NOT NULL,
  status_raw VARCHAR,
  detailed_status VARCHAR,
  service_code VARCHAR,
  service_name VARCHAR,
  category VARCHAR NOT NULL,
  agency_responsible VARCHAR,
  service_notice VARCHAR,
  description VARCHAR,
  status_notes VARCHAR,
  requested_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ,
  expected_at TIMESTAMPTZ,
  closed_at TIMESTAMPTZ,
  closed_at_source VARCHAR,
  closed_after TIMESTAMPTZ,      -- with closed_at_source = 'observed': the last harvest that still saw it open
  acknowledged_at TIMESTAMPTZ,
  address VARCHAR,
  zipcode VARCHAR,
  lat DOUBLE,
  lon DOUBLE,
  media_urls VARCHAR[] NOT NULL,
  channel VARCHAR,
  district VARCHAR,
  parent_request_id VARCHAR,
  is_duplicate BOOLEAN NOT NULL,
  extended JSON,
  raw JSON,
  quality_flags VARCHAR[] NOT NULL,
  content_hash VARCHAR NOT NULL, -- hash of what the source sent, to tell updates from re-sightings
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  last_run_id BIGINT
);

CREATE TABLE request_events (
  endpoint_id VARCHAR NOT NULL,
  service_request_id VARCHAR NOT NULL,
  observed_at TIMESTAMPTZ NOT NULL, -- harvest time, or the note's own time for source = 'notes'
  status VARCHAR,
  status_raw VARCHAR,
  detailed_status VARCHAR,
  updated_at TIMESTAMPTZ,
  source VARCHAR NOT NULL,          -- 'harvest' | 'notes'
  note_type VARCHAR,
  run_id BIGINT
);

CREATE SEQUENCE harvest_run_ids START 1;
CREATE TABLE harvest_runs (
  run_id BIGINT PRIMARY KEY,
  endpoint_id VARCHAR NOT NULL,
  mode VARCHAR NOT NULL,            -- backfill | incremental
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  outcome VARCHAR NOT NULL,         -- running | ok | partial | failed
  pages INTEGER NOT NULL DEFAULT 0,
  records_seen INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  http_calls INTEGER NOT NULL DEFAULT 0,
  retries INTEGER NOT NULL DEFAULT 0,
  bytes BIGINT NOT NULL DEFAULT 0,
  windows_split INTEGER NOT NULL DEFAULT 0,
  latency_ms_p50 DOUBLE,
  error VARCHAR
);

CREATE TABLE harvest_state (
  endpoint_id VARCHAR PRIMARY KEY,
  backfill_from TIMESTAMPTZ NOT NULL,
  backfill_until TIMESTAMPTZ,       -- requested_datetime windows are complete up to here
  backfill_complete BOOLEAN NOT NULL DEFAULT false,
  max_requested_at TIMESTAMPTZ,     -- newest requested_datetime among completed windows (data time, not wall time)
  updated_cursor TIMESTAMPTZ,       -- updated_datetime watermark of the last complete change pass
  window_seconds DOUBLE,            -- adaptive window width learnt from caps
  last_run_id BIGINT,
  last_success_at TIMESTAMPTZ,
  services_fetched_at TIMESTAMPTZ
);

CREATE TABLE rejected_records (
  endpoint_id VARCHAR NOT NULL,
  record_hash VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  raw JSON,
  first_seen_at TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL,
  run_id BIGINT
);

CREATE TABLE endpoint_checks (
  endpoint_id VARCHAR NOT NULL,
  run_id BIGINT,
  checked_at TIMESTAMPTZ NOT NULL,
  check_id VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,        -- error | warning | info
  message VARCHAR NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  example VARCHAR
);
