-- $1 = refresh time. Each endpoint in scope is now reflected up to the newest last_seen_at among its candidates, and
-- up to its last *finished* harvest run: rows of a run still going (a rebuild can come from another endpoint's run)
-- are read again at the next refresh, even when a test clock stands still.
CREATE OR REPLACE TEMP TABLE metric_new_state AS
SELECT s.endpoint_id, coalesce(c.seen, r.seen_through) AS seen_through, coalesce(h.finished, c.run, r.run_through, -1) AS run_through,
  $1::TIMESTAMPTZ AS refreshed_at
FROM metric_scope s
LEFT JOIN (SELECT endpoint_id, max(last_seen_at) AS seen, max(last_run_id) AS run FROM metric_candidates GROUP BY ALL) c USING (endpoint_id)
LEFT JOIN (SELECT endpoint_id, max(run_id) AS finished FROM harvest_runs WHERE finished_at IS NOT NULL GROUP BY ALL) h USING (endpoint_id)
LEFT JOIN metric_refresh_state r USING (endpoint_id);
