-- Each checked endpoint's conformance: when it was last checked, and the findings that stand, one row each (none:
-- one row with a null check_id). A run that did not fetch the services list keeps the earlier services_* findings,
-- which carry that earlier check's time: the findings are the table's rows, not those of the newest checked_at.
SELECT c.endpoint_id, strftime(c.checked_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS checked_at, f.check_id, f.severity, f.message, f.count, f.example
FROM endpoint_checked c
LEFT JOIN endpoint_checks f USING (endpoint_id)
ORDER BY c.endpoint_id, CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, f.check_id
