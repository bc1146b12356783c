import { INTEGER, VARCHAR } from '@duckdb/node-api';
import { appendColumns } from '../load/append.ts';
import type { Store } from '../load/store.ts';
import type { Finding } from './observations.ts';

/**
 * Replaces an endpoint's conformance findings with this run's, in one transaction, and marks the endpoint checked
 * (`endpoint_checked`) even when nothing was found. The services list is fetched only when stale, so a run that did
 * not fetch it keeps the previous `services_*` findings.
 */
export async function recordFindings({ store, endpointId, runId, checkedAt, findings, servicesChecked }: {
  store: Store;
  endpointId: string;
  runId: number;
  checkedAt: Date;
  findings: readonly Finding[];
  servicesChecked: boolean;
}): Promise<void> {
  const columns = [
    findings.map((f) => f.check_id),
    findings.map((f) => f.severity),
    findings.map((f) => f.message),
    findings.map((f) => f.count),
    findings.map((f) => f.example),
  ];
  await store.transaction(async (connection) => {
    await connection.run(
      `DELETE FROM endpoint_checks WHERE endpoint_id = $1 AND ($2 OR check_id NOT LIKE 'services\\_%' ESCAPE '\\')`,
      [endpointId, servicesChecked],
    );
    await connection.run(
      'CREATE TEMP TABLE IF NOT EXISTS stage_checks (check_id VARCHAR, severity VARCHAR, message VARCHAR, count INTEGER, example VARCHAR)',
    );
    await connection.run('DELETE FROM stage_checks');
    await appendColumns({ connection, table: 'stage_checks', catalog: 'temp', types: [VARCHAR, VARCHAR, VARCHAR, INTEGER, VARCHAR], columns });
    await connection.run(
      `INSERT INTO endpoint_checks (endpoint_id, run_id, checked_at, check_id, severity, message, count, example)
       SELECT $1, $2, $3::TIMESTAMPTZ, check_id, severity, message, count, example FROM stage_checks`,
      [endpointId, runId, checkedAt.toISOString()],
    );
    // Checked, found or not: an endpoint without findings is clean, not unchecked.
    await connection.run('INSERT OR REPLACE INTO endpoint_checked (endpoint_id, checked_at, run_id) VALUES ($1, $2::TIMESTAMPTZ, $3)', [endpointId, checkedAt.toISOString(), runId]);
  });
}
