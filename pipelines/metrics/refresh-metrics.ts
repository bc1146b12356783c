import { readFileSync } from 'node:fs';
import { VARCHAR } from '@duckdb/node-api';
import { appendColumns } from '../load/append.ts';
import { readRows, type Store } from '../load/store.ts';
import { assignAreas } from './area-assignments.ts';
import { kmStepSql } from './km-sql.ts';
import { loadSlaConfig, saveSla, type SlaConfig } from './sla-config.ts';

const sql = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const forgetScopeSql = sql('forget-scope.sql');
const selectCandidatesSql = sql('select-candidates.sql');
const selectChangedSql = sql('select-changed.sql');
const markReopenedSql = sql('mark-reopened.sql');
const applyReopenedSql = sql('apply-reopened.sql');
const applyChangesSql = sql('apply-changes.sql');
const newStateSql = sql('new-refresh-state.sql');
const saveStateSql = sql('save-refresh-state.sql');

export interface RefreshOptions {
  /** Endpoints to refresh (default: every endpoint in the store). */
  endpointIds?: string[];
  /** Rebuild the metric tables of these endpoints from scratch instead of from what changed. */
  full?: boolean;
  /** The SLA targets (default: config/sla.yaml); when they differ from the last refresh's, everything is rebuilt. */
  sla?: SlaConfig;
  /** Recorded as refreshed_at. */
  now?: Date;
}

export interface RefreshSummary {
  endpoints: number;
  /** Requests seen since the last refresh. */
  candidates: number;
  /** Of those, requests whose metric row changed (new or different). */
  changed: number;
  milliseconds: number;
}

/**
 * Brings the metric tables up to date with service_requests after a harvest: only requests seen since the last
 * refresh are looked at, and only those whose metric columns changed are rewritten, with the daily counts they
 * touch adjusted by difference. One transaction, so readers see the tables before or after, never half.
 */
export async function refreshMetrics(store: Store, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const sla = options.sla ?? loadSlaConfig();
  return store.transaction(async (connection) => {
    // New SLA targets change every request's target: then every endpoint is rebuilt.
    const slaChanged = await saveSla(connection, sla);
    const everyEndpoint = async () => (await readRows<{ id: string }>(connection, `SELECT DISTINCT endpoint_id AS id FROM service_requests`)).map((r) => r.id);
    const endpointIds = options.endpointIds && !slaChanged ? options.endpointIds : await everyEndpoint();
    await connection.run(`CREATE OR REPLACE TEMP TABLE metric_scope (endpoint_id VARCHAR)`);
    await appendColumns({ connection, table: 'metric_scope', catalog: 'temp', types: [VARCHAR], columns: [endpointIds] });
    if (options.full || slaChanged) await connection.run(forgetScopeSql);
    // The oldest watermark in scope; null when an endpoint is (re)built and needs all its rows and history.
    const [oldest] = await readRows<{ seen: string | null; run: number | null }>(
      connection,
      `SELECT CASE WHEN bool_or(r.seen_through IS NULL) THEN NULL ELSE min(r.seen_through) END AS seen,
         CASE WHEN bool_or(r.seen_through IS NULL) THEN NULL ELSE min(r.run_through) END AS run
       FROM metric_scope LEFT JOIN metric_refresh_state r USING (endpoint_id)`,
    );
    await connection.run(selectCandidatesSql, [oldest?.seen ?? null, oldest?.run ?? null]);
    await connection.run(selectChangedSql);
    await connection.run(markReopenedSql, [oldest?.run ?? null]);
    await connection.run(applyReopenedSql);
    // Stored so that the estimator reads a closed request's step instead of computing it per query.
    await connection.run(`UPDATE metric_changed SET ttc_step = ${kmStepSql('ttc_seconds')} WHERE ttc_seconds IS NOT NULL`);
    await assignAreas(connection, { source: 'metric_changed', cells: true });
    await connection.run(applyChangesSql);
    await connection.run(newStateSql, [options.now?.toISOString() ?? null]);
    await connection.run(saveStateSql);
    const [counts] = await readRows<{ candidates: number; changed: number }>(
      connection,
      `SELECT (SELECT count(*) FROM metric_candidates) AS candidates, (SELECT count(*) FROM metric_changed) AS changed`,
    );
    await connection.run(`DROP TABLE metric_candidates; DROP TABLE metric_old; DROP TABLE metric_changed; DROP TABLE metric_new_history;
      DROP TABLE metric_changed_cells; DROP TABLE metric_changed_polygons; DROP TABLE metric_contributions; DROP TABLE metric_daily_delta;
      DROP TABLE metric_scope`);
    return { endpoints: endpointIds.length, candidates: counts!.candidates, changed: counts!.changed, milliseconds: Math.round(performance.now() - started) };
  });
}
