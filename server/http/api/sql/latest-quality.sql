-- Each endpoint's latest data-quality row (refreshed after every harvest run).
SELECT * EXCLUDE (computed_at, run_id), strftime(computed_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS computed_at
FROM endpoint_quality
QUALIFY row_number() OVER (PARTITION BY endpoint_id ORDER BY computed_at DESC) = 1
