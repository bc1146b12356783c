import { readFileSync } from 'node:fs';
import { readRows } from '../../../../pipelines/load/store.ts';
import { perGeneration } from '../../per-generation.ts';

const fed311Version = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** What the store held: the last finished harvest run, and whether one is writing now. */
export interface DataVersion {
  last_run_id: number | null;
  /** When the last harvest run finished (ISO UTC), null before the first. */
  data_as_of: string | null;
  harvest_running: boolean;
}

/** Read once per store write: every export and every streamed answer's ETag asks for it. */
export const dataVersion = perGeneration(async ({ pool }): Promise<DataVersion> => {
  const [row] = await pool.use((c) =>
    readRows<{ last: number | null; finished: string | null; running: number }>(
      c,
      `SELECT max(run_id) AS last, strftime(max(finished_at), '%Y-%m-%dT%H:%M:%S.%gZ') AS finished, count(*) FILTER (outcome = 'running') AS running FROM harvest_runs`,
    ),
  );
  return { last_run_id: row!.last, data_as_of: row!.finished, harvest_running: row!.running > 0 };
});

/**
 * Where an export came from, for whoever cites it: the request that made it, the data it read and when. Sent as
 * headers with every export, and inside the file where the format has room for it (GeoJSON, Parquet).
 */
export interface Provenance extends DataVersion {
  query: string;
  exported_at: string;
  fed311_version: string;
}

export function provenance({ version, query, now }: { version: DataVersion; query: string; now: Date }): Provenance {
  return { query, ...version, exported_at: now.toISOString(), fed311_version: fed311Version };
}

/** The data an answer was computed from: `X-Fed311-Data-As-Of`, and `Last-Modified`, the last harvest's end (HTTP date). */
export function dataHeaders(version: DataVersion): Record<string, string> {
  return {
    'X-Fed311-Data-As-Of': version.data_as_of ?? 'none',
    ...(version.data_as_of ? { 'Last-Modified': new Date(version.data_as_of).toUTCString() } : {}),
  };
}

/** The headers every export carries: the data's, and when it was exported. */
export function provenanceHeaders(p: Provenance): Record<string, string> {
  return { ...dataHeaders(p), 'X-Fed311-Exported-At': p.exported_at };
}
