-- Data quality per endpoint (METRICS.md `quality`), one row per harvest run, so its history is kept.
CREATE TABLE endpoint_quality (
  endpoint_id VARCHAR NOT NULL,
  computed_at TIMESTAMPTZ NOT NULL,
  run_id BIGINT,
  requests BIGINT NOT NULL,
  missing_location DOUBLE,        -- share without usable coordinates, for any reason
  zero_coordinates DOUBLE,        -- share sent as 0/0 ("unknown")
  invalid_coordinates DOUBLE,     -- share sent as something that is no coordinate
  out_of_box DOUBLE,              -- share outside the endpoint's box (dropped)
  swapped_coordinates DOUBLE,     -- share whose lat/long came swapped (fixed)
  unparseable_timestamps DOUBLE,  -- share with an updated, expected or close time that could not be read
  future_timestamps DOUBLE,       -- share requested or updated more than 10 minutes after computed_at
  closed BIGINT NOT NULL,
  negative_durations BIGINT NOT NULL, -- closed before they were requested
  fast_closes BIGINT NOT NULL,        -- closed within 10 minutes (METRICS.md: counted, not silently kept)
  rejected_records BIGINT NOT NULL,   -- records that could not be read at all
  uncategorized DOUBLE              -- share in category 'other'
);
