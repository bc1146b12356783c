-- Per-connection staging for one load batch (temp tables: never in the WAL). Made anew for every batch: a temp
-- table keeps the memory of deleted rows, so emptying it would let it grow.
CREATE OR REPLACE TEMP TABLE stage_diff (
  endpoint_id VARCHAR, service_request_id VARCHAR, status VARCHAR, status_raw VARCHAR, detailed_status VARCHAR,
  updated_at TIMESTAMPTZ, is_new BOOLEAN, is_changed BOOLEAN, is_status_change BOOLEAN
);
CREATE OR REPLACE TEMP TABLE stage_notes (
  endpoint_id VARCHAR, service_request_id VARCHAR, note_at VARCHAR, status VARCHAR, detailed_status VARCHAR, note_type VARCHAR
);
CREATE OR REPLACE TEMP TABLE stage_rejected (record_hash VARCHAR, reason VARCHAR, raw VARCHAR);
-- The staged rows with their stored types, and what the diff found for each.
CREATE OR REPLACE TEMP VIEW stage_typed AS
SELECT
  s.* REPLACE (
    s.requested_at::TIMESTAMPTZ AS requested_at,
    s.updated_at::TIMESTAMPTZ AS updated_at,
    s.expected_at::TIMESTAMPTZ AS expected_at,
    s.closed_at::TIMESTAMPTZ AS closed_at,
    s.acknowledged_at::TIMESTAMPTZ AS acknowledged_at,
    CAST(s.media_urls AS JSON)::VARCHAR[] AS media_urls,
    CAST(s.quality_flags AS JSON)::VARCHAR[] AS quality_flags,
    CAST(s.extended AS JSON) AS extended,
    CAST(s.raw AS JSON) AS raw
  ),
  d.is_new,
  d.is_changed
FROM stage_requests s
JOIN stage_diff d ON d.endpoint_id = s.endpoint_id AND d.service_request_id = s.service_request_id;
