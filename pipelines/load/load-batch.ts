import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { CanonicalRequest, RejectedRecord } from '../normalize/types.ts';
import { appendColumns } from './append.ts';
import { requestStageColumns, requestStageDdl, stageRequestColumns } from './stage-columns.ts';
import { applyStatePatch, type StatePatch } from './harvest-state.ts';
import { readRows, type Store } from './store.ts';

const diffSql = readFileSync(new URL('./diff-requests.sql', import.meta.url), 'utf8');
const upsertSql = readFileSync(new URL('./upsert-requests.sql', import.meta.url), 'utf8');

export interface LoadBatchInput {
  store: Store;
  endpointId: string;
  requests: readonly CanonicalRequest[];
  rejected: readonly RejectedRecord[];
  runId: number;
  now: Date;
  /** Cursor moves that cover exactly these rows: committed with them or not at all. */
  state?: StatePatch;
}

export interface LoadCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  events: number;
}

/** One transaction: stage → diff → status events → merge → rejected records → cursor. */
export async function loadBatch(input: LoadBatchInput): Promise<LoadCounts> {
  const requests = latestPerId(input.requests);
  const now = input.now.toISOString();
  return input.store.transaction(async (connection) => {
    let counts: LoadCounts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0, events: 0 };
    if (requests.length > 0) counts = await mergeRequests({ connection, requests, now, runId: input.runId });
    counts.rejected = await storeRejected({ connection, input, now });
    if (input.state) await applyStatePatch({ connection, endpointId: input.endpointId, patch: input.state });
    return counts;
  });
}

async function mergeRequests({
  connection,
  requests,
  now,
  runId,
}: {
  connection: DuckDBConnection;
  requests: CanonicalRequest[];
  now: string;
  runId: number;
}): Promise<LoadCounts> {
  await connection.run(requestStageDdl);
  await connection.run('DELETE FROM stage_requests');
  await appendColumns({
    connection,
    table: 'stage_requests',
    catalog: 'temp',
    types: [...requestStageColumns.map((c) => c.type), VARCHAR],
    columns: stageRequestColumns(requests),
  });
  await connection.run(diffSql);
  const [diff] = await readRows<{ inserted: number; updated: number; events: number }>(
    connection,
    `SELECT count(*) FILTER (is_new) AS inserted, count(*) FILTER (is_changed) AS updated,
            count(*) FILTER (is_status_change) AS events FROM stage_diff`,
  );
  await connection.run(
    `INSERT INTO request_events (endpoint_id, service_request_id, observed_at, status, status_raw, detailed_status, updated_at, source, run_id)
     SELECT endpoint_id, service_request_id, $1::TIMESTAMPTZ, status, status_raw, detailed_status, updated_at, 'harvest', $2
     FROM stage_diff WHERE is_status_change`,
    [now, runId],
  );
  const noteEvents = await storeNoteEvents({ connection, requests, runId });
  await connection.run(upsertSql, [now, runId]);
  const inserted = diff?.inserted ?? 0;
  const updated = diff?.updated ?? 0;
  return { inserted, updated, unchanged: requests.length - inserted - updated, rejected: 0, events: (diff?.events ?? 0) + noteEvents };
}

/** The vendor's own history (notes[]), stored once per note. */
async function storeNoteEvents({
  connection,
  requests,
  runId,
}: {
  connection: DuckDBConnection;
  requests: CanonicalRequest[];
  runId: number;
}): Promise<number> {
  const columns: (string | null)[][] = [[], [], [], [], [], []];
  for (const request of requests) {
    for (const note of request.note_events) {
      columns[0]!.push(request.endpoint_id);
      columns[1]!.push(request.service_request_id);
      columns[2]!.push(note.at);
      columns[3]!.push(note.status);
      columns[4]!.push(note.detailed_status);
      columns[5]!.push(note.type);
    }
  }
  if (columns[0]!.length === 0) return 0;
  await connection.run(
    `CREATE TEMP TABLE IF NOT EXISTS stage_notes (endpoint_id VARCHAR, service_request_id VARCHAR, note_at VARCHAR, status VARCHAR, detailed_status VARCHAR, note_type VARCHAR)`,
  );
  await connection.run('DELETE FROM stage_notes');
  await appendColumns({ connection, table: 'stage_notes', catalog: 'temp', types: columns.map(() => VARCHAR), columns });
  const inserted = await readRows(
    connection,
    `WITH fresh AS (
       SELECT DISTINCT n.endpoint_id, n.service_request_id, n.note_at::TIMESTAMPTZ AS note_at, n.status, n.detailed_status, n.note_type
       FROM stage_notes n
       WHERE NOT EXISTS (
         SELECT 1 FROM request_events e
         WHERE e.source = 'notes' AND e.endpoint_id = n.endpoint_id AND e.service_request_id = n.service_request_id
           AND e.observed_at = n.note_at::TIMESTAMPTZ AND e.note_type IS NOT DISTINCT FROM n.note_type))
     INSERT INTO request_events (endpoint_id, service_request_id, observed_at, status, detailed_status, updated_at, source, note_type, run_id)
     SELECT endpoint_id, service_request_id, note_at, status, detailed_status, note_at, 'notes', note_type, $1 FROM fresh
     RETURNING 1`,
    [runId],
  );
  return inserted.length;
}

/** Rejected records are kept once per distinct raw record; a re-sighting moves last_seen_at. Returns new ones. */
async function storeRejected({
  connection,
  input,
  now,
}: {
  connection: DuckDBConnection;
  input: LoadBatchInput;
  now: string;
}): Promise<number> {
  if (input.rejected.length === 0) return 0;
  const byHash = new Map<string, { reason: string; raw: string }>();
  for (const record of input.rejected) {
    const raw = JSON.stringify(record.raw ?? null);
    byHash.set(createHash('sha1').update(raw).digest('base64'), { reason: record.reason, raw });
  }
  const hashes = [...byHash.keys()];
  await connection.run(`CREATE TEMP TABLE IF NOT EXISTS stage_rejected (record_hash VARCHAR, reason VARCHAR, raw VARCHAR)`);
  await connection.run('DELETE FROM stage_rejected');
  await appendColumns({
    connection,
    table: 'stage_rejected',
    catalog: 'temp',
    types: [VARCHAR, VARCHAR, VARCHAR],
    columns: [hashes, hashes.map((h) => byHash.get(h)!.reason), hashes.map((h) => byHash.get(h)!.raw)],
  });
  await connection.run(
    `UPDATE rejected_records SET last_seen_at = $1::TIMESTAMPTZ, run_id = $2
     FROM stage_rejected s WHERE rejected_records.endpoint_id = $3 AND rejected_records.record_hash = s.record_hash`,
    [now, input.runId, input.endpointId],
  );
  const inserted = await readRows(
    connection,
    `INSERT INTO rejected_records (endpoint_id, record_hash, reason, raw, first_seen_at, last_seen_at, run_id)
     SELECT $3, s.record_hash, s.reason, CAST(s.raw AS JSON), $1::TIMESTAMPTZ, $1::TIMESTAMPTZ, $2 FROM stage_rejected s
     WHERE NOT EXISTS (SELECT 1 FROM rejected_records r WHERE r.endpoint_id = $3 AND r.record_hash = s.record_hash)
     RETURNING 1`,
    [now, input.runId, input.endpointId],
  );
  return inserted.length;
}

/** A batch can hold one id twice (pages overlap, Helsinki repeats rows): keep the most recently updated. */
function latestPerId(requests: readonly CanonicalRequest[]): CanonicalRequest[] {
  const byId = new Map<string, CanonicalRequest>();
  for (const request of requests) {
    const seen = byId.get(request.service_request_id);
    if (!seen || (request.updated_at ?? '') >= (seen.updated_at ?? '')) byId.set(request.service_request_id, request);
  }
  return [...byId.values()];
}
