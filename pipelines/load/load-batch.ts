import { readFileSync } from 'node:fs';
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { CanonicalRequest, RejectedRecord } from '../normalize/types.ts';
import { appendColumns } from './append.ts';
import { applyStatePatch, type StatePatch } from './harvest-state.ts';
import { requestStageDdl, requestStageTypes } from './stage-columns.ts';
import { stageAll, type Columns, type StagedBatch, type StagedColumns } from './staged-batch.ts';
import { readRows, type Store } from './store.ts';

const sql = (name: string) => readFileSync(new URL(`./${name}.sql`, import.meta.url), 'utf8');
const stageTablesSql = sql('stage-tables');
const diffSql = sql('diff-requests');
const insertNewSql = sql('insert-new-requests');
const updateChangedSql = sql('update-changed-requests');

export interface LoadStagedInput {
  store: Store;
  endpointId: string;
  batch: StagedBatch;
  runId: number;
  now: Date;
  /** Cursor moves that cover exactly these rows: committed with them or not at all. */
  state?: StatePatch;
}

export interface LoadBatchInput extends Omit<LoadStagedInput, 'batch'> {
  requests: readonly CanonicalRequest[];
  rejected: readonly RejectedRecord[];
  /** What besides the raw record decides a canonical row (see staged-batch.ts). */
  contextKey: string;
}

export interface LoadCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  events: number;
}

/** `loadStaged` for rows at hand (tests, small callers). */
export async function loadBatch({ requests, rejected, contextKey, ...input }: LoadBatchInput): Promise<LoadCounts> {
  return loadStaged({ ...input, batch: stageAll({ requests, rejected, contextKey }) });
}

/**
 * One transaction: stage → diff → status events → insert new / rewrite changed / touch re-sighted → rejected
 * records → cursor. The batch was staged in JavaScript before the write lock is taken.
 */
export async function loadStaged(input: LoadStagedInput): Promise<LoadCounts> {
  const staged: StagedColumns = input.batch.columnsForLoad();
  const now = input.now.toISOString();
  return input.store.transaction(async (connection) => {
    await prepareStaging(connection);
    let counts: LoadCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0, events: 0 };
    if (staged.requests) {
      counts = await mergeRequests({ connection, columns: staged.requests, notes: staged.notes, now, runId: input.runId, rows: staged.rows });
    }
    if (staged.rejected) counts.rejected = await storeRejected({ connection, columns: staged.rejected, now, runId: input.runId, endpointId: input.endpointId });
    if (input.state) await applyStatePatch({ connection, endpointId: input.endpointId, patch: input.state });
    return counts;
  });
}

async function prepareStaging(connection: DuckDBConnection): Promise<void> {
  await connection.run(requestStageDdl);
  await connection.run(stageTablesSql);
}

async function mergeRequests({
  connection,
  columns,
  notes,
  now,
  runId,
  rows,
}: {
  connection: DuckDBConnection;
  columns: Columns;
  notes: Columns | null;
  now: string;
  runId: number;
  rows: number;
}): Promise<LoadCounts> {
  await appendColumns({ connection, table: 'stage_requests', catalog: 'temp', types: requestStageTypes, columns });
  await connection.run(diffSql);
  const [diff] = await readRows<{ inserted: number; updated: number; events: number }>(
    connection,
    `SELECT count(*) FILTER (is_new) AS inserted, count(*) FILTER (is_changed) AS updated,
            count(*) FILTER (is_status_change) AS events FROM stage_diff`,
  );
  const { inserted = 0, updated = 0, events = 0 } = diff ?? {};
  if (events > 0) {
    await connection.run(
      `INSERT INTO request_events (endpoint_id, service_request_id, observed_at, status, status_raw, detailed_status, updated_at, source, run_id)
       SELECT endpoint_id, service_request_id, $1::TIMESTAMPTZ, status, status_raw, detailed_status, updated_at, 'harvest', $2
       FROM stage_diff WHERE is_status_change`,
      [now, runId],
    );
  }
  const noteEvents = notes && inserted + updated > 0 ? await storeNoteEvents({ connection, notes, runId, anyChanged: updated > 0 }) : 0;
  if (inserted > 0) await connection.run(insertNewSql, [now, runId]);
  if (updated > 0) await connection.run(updateChangedSql, [now, runId]);
  if (rows - inserted - updated > 0) {
    await connection.run(
      `UPDATE service_requests AS t SET last_seen_at = $1::TIMESTAMPTZ, last_run_id = $2
       FROM stage_diff d
       WHERE NOT d.is_new AND NOT d.is_changed AND t.endpoint_id = d.endpoint_id AND t.service_request_id = d.service_request_id`,
      [now, runId],
    );
  }
  return { inserted, updated, unchanged: rows - inserted - updated, rejected: 0, events: events + noteEvents };
}

/**
 * The vendor's own history (notes[]), stored once per note. Notes come from the raw record, so only new and
 * changed requests can bring new notes; only changed ones need checking against what is stored.
 */
async function storeNoteEvents({
  connection,
  notes,
  runId,
  anyChanged,
}: {
  connection: DuckDBConnection;
  notes: Columns;
  runId: number;
  anyChanged: boolean;
}): Promise<number> {
  await appendColumns({ connection, table: 'stage_notes', catalog: 'temp', types: notes.map(() => VARCHAR), columns: notes });
  const insert = async (condition: string) =>
    (
      await connection.run(
        `INSERT INTO request_events (endpoint_id, service_request_id, observed_at, status, detailed_status, updated_at, source, note_type, run_id)
       SELECT DISTINCT n.endpoint_id, n.service_request_id, n.note_at::TIMESTAMPTZ, n.status, n.detailed_status, n.note_at::TIMESTAMPTZ, 'notes', n.note_type, $1
       FROM stage_notes n JOIN stage_diff d ON d.endpoint_id = n.endpoint_id AND d.service_request_id = n.service_request_id
       WHERE ${condition}`,
        [runId],
      )
    ).rowsChanged;
  let stored = await insert('d.is_new');
  if (anyChanged) {
    stored += await insert(`d.is_changed AND NOT EXISTS (
        SELECT 1 FROM request_events e
        WHERE e.source = 'notes' AND e.endpoint_id = n.endpoint_id AND e.service_request_id = n.service_request_id
          AND e.observed_at = n.note_at::TIMESTAMPTZ AND e.note_type IS NOT DISTINCT FROM n.note_type)`);
  }
  return stored;
}

/** Rejected records are kept once per distinct raw record; a re-sighting moves last_seen_at. Returns new ones. */
async function storeRejected({
  connection,
  columns,
  now,
  runId,
  endpointId,
}: {
  connection: DuckDBConnection;
  columns: Columns;
  now: string;
  runId: number;
  endpointId: string;
}): Promise<number> {
  await appendColumns({ connection, table: 'stage_rejected', catalog: 'temp', types: [VARCHAR, VARCHAR, VARCHAR], columns });
  await connection.run(
    `UPDATE rejected_records SET last_seen_at = $1::TIMESTAMPTZ, run_id = $2
     FROM stage_rejected s WHERE rejected_records.endpoint_id = $3 AND rejected_records.record_hash = s.record_hash`,
    [now, runId, endpointId],
  );
  const inserted = await connection.run(
    `INSERT INTO rejected_records (endpoint_id, record_hash, reason, raw, first_seen_at, last_seen_at, run_id)
     SELECT $3, s.record_hash, s.reason, CAST(s.raw AS JSON), $1::TIMESTAMPTZ, $1::TIMESTAMPTZ, $2 FROM stage_rejected s
     WHERE NOT EXISTS (SELECT 1 FROM rejected_records r WHERE r.endpoint_id = $3 AND r.record_hash = s.record_hash)`,
    [now, runId, endpointId],
  );
  return inserted.rowsChanged;
}
