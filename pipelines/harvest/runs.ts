import type { Store } from '../load/store.ts';

/** The per-endpoint outcome of one run: what `fed311 harvest --json` prints and harvest_runs stores. */
export interface EndpointSummary {
  endpoint_id: string;
  run_id: number;
  mode: 'backfill' | 'incremental';
  outcome: 'ok' | 'partial' | 'failed';
  records_seen: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  events: number;
  pages: number;
  http_calls: number;
  retries: number;
  bytes: number;
  windows_split: number;
  repolled: number;
  seconds: number;
  error: string | null;
  warnings: string[];
}

export async function startRun({ store, endpointId, mode, startedAt }: { store: Store; endpointId: string; mode: string; startedAt: Date }): Promise<number> {
  return store.transaction(async (connection) => {
    // One process owns the file, so a run still marked running here was cut off (crash, kill).
    await connection.run(`UPDATE harvest_runs SET outcome = 'interrupted' WHERE endpoint_id = $1 AND outcome = 'running'`, [endpointId]);
    const reader = await connection.runAndReadAll(
      `INSERT INTO harvest_runs (run_id, endpoint_id, mode, started_at, outcome) VALUES (nextval('harvest_run_ids'), $1, $2, $3::TIMESTAMPTZ, 'running') RETURNING run_id`,
      [endpointId, mode, startedAt.toISOString()],
    );
    return Number(reader.getRows()[0]![0]);
  });
}

export async function finishRun({ store, summary, finishedAt, latencyP50 }: { store: Store; summary: EndpointSummary; finishedAt: Date; latencyP50: number | null }): Promise<void> {
  await store.transaction((connection) =>
    connection.run(
      `UPDATE harvest_runs SET finished_at = $2::TIMESTAMPTZ, outcome = $3, pages = $4, records_seen = $5, inserted = $6,
         updated = $7, rejected = $8, http_calls = $9, retries = $10, bytes = $11, windows_split = $12, latency_ms_p50 = $13, error = $14
       WHERE run_id = $1`,
      [
        summary.run_id, finishedAt.toISOString(), summary.outcome, summary.pages, summary.records_seen, summary.inserted,
        summary.updated, summary.rejected, summary.http_calls, summary.retries, summary.bytes, summary.windows_split,
        latencyP50, summary.error,
      ],
    ),
  );
}
