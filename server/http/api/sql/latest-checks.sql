-- The conformance findings of each endpoint's latest check.
SELECT endpoint_id, strftime(checked_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS checked_at, check_id, severity, message, count, example
FROM endpoint_checks
QUALIFY checked_at = max(checked_at) OVER (PARTITION BY endpoint_id)
ORDER BY endpoint_id, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, check_id
