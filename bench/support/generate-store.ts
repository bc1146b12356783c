import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import { appendColumns } from '../../pipelines/load/append.ts';
import { openStore } from '../../pipelines/load/store.ts';
import { syncEndpoints } from '../../pipelines/load/sync-endpoints.ts';
import { refreshMetrics } from '../../pipelines/metrics/index.ts';
import { refreshQuality } from '../../pipelines/quality/refresh-quality.ts';
import { endpointSchema } from '../../pipelines/registry/schema.ts';
import { generatedEndpoints, generatedServices } from './generated-federation.ts';

export const dataDir = new URL('../.data/', import.meta.url).pathname;
/** The instant a generated store is "now": its data ends here; metrics are asked as of it. */
export const generatedAsOf = new Date('2026-11-01T00:00:00Z');
const historyYears = 3;
const generateSql = readFileSync(new URL('./generate-requests.sql', import.meta.url), 'utf8');

export interface GeneratedStore {
  path: string;
  requests: number;
  asOf: Date;
  /** False when the file came from the cache. */
  built: boolean;
  seconds: number;
}

/**
 * A realistic store of `requests` generated requests (10 real cities, 15 common services, 3 years, volume
 * growing, log-normal close times, open and never-closed requests, duplicates, reopenings, 5 % without location)
 * with status history, quality rows and metric tables, cached at bench/.data/<requests>-<seed>.duckdb. Built
 * through openStore (migrations apply) with INSERT … SELECT inside DuckDB; written under a temporary name and
 * renamed when complete, so a crash never leaves a half store in the cache.
 */
export async function generateStore({ requests, seed = 1, path, memoryLimit = '2GB' }: { requests: number; seed?: number; path?: string; memoryLimit?: string }): Promise<GeneratedStore> {
  const target = path ?? join(dataDir, `${requests}-${seed}.duckdb`);
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  if (existsSync(target)) return { path: target, requests, asOf: generatedAsOf, built: false, seconds: seconds() };
  const building = `${target}.building`;
  removeDuckDbFile(building);
  const store = await openStore({ path: building, memoryLimit });
  try {
    const endpoints = generatedEndpoints.map((e) =>
      endpointSchema.parse({ id: e.id, name: e.name, base_url: `https://${e.id}.example.org/open311/v2/`, dialect: e.dialect, timezone: e.timezone, bbox: e.bbox }),
    );
    await syncEndpoints({ store, endpoints, now: generatedAsOf });
    await store.transaction(async (connection) => {
      await connection.run(`CREATE TEMP TABLE gen_endpoints (endpoint_idx INTEGER, endpoint_id VARCHAR, west DOUBLE, south DOUBLE, east DOUBLE, north DOUBLE, districts INTEGER, expected_share DOUBLE);
        CREATE TEMP TABLE gen_services (endpoint_idx INTEGER, service_idx INTEGER, service_code VARCHAR, service_name VARCHAR, category VARCHAR, median_days DOUBLE, sigma DOUBLE, never_share DOUBLE, target_days DOUBLE);
        CREATE TEMP TABLE gen_endpoint_slots (slot INTEGER, endpoint_idx INTEGER);
        CREATE TEMP TABLE gen_service_slots (endpoint_idx INTEGER, slot INTEGER, service_idx INTEGER)`);
      await appendGenerationTables(connection, seed);
      const start = new Date(generatedAsOf.getTime() - historyYears * 365 * 86_400_000);
      const span = (generatedAsOf.getTime() - start.getTime()) / 1000;
      const fill = { n: requests, seed, start: start.toISOString(), asof: generatedAsOf.toISOString(), span };
      await connection.run(generateSql.replace(/\{(\w+)\}/g, (_, key: keyof typeof fill) => String(fill[key])));
      await connection.run(`INSERT INTO services (endpoint_id, service_code, service_name, category, first_seen_at, last_seen_at)
        SELECT e.endpoint_id, s.service_code, s.service_name, s.category, $1::TIMESTAMPTZ, $1::TIMESTAMPTZ
        FROM gen_services s JOIN gen_endpoints e USING (endpoint_idx)`, [start.toISOString()]);
    });
    for (const endpoint of endpoints) await refreshQuality({ store, endpointId: endpoint.id, runId: 1, now: generatedAsOf });
    await refreshMetrics(store, { full: true, now: generatedAsOf });
  } finally {
    await store.close();
  }
  renameSync(building, target);
  rmSync(`${building}.wal`, { force: true });
  return { path: target, requests, asOf: generatedAsOf, built: true, seconds: seconds() };
}

export function removeDuckDbFile(path: string): void {
  for (const file of [path, `${path}.wal`, `${path}.tmp`]) rmSync(file, { recursive: true, force: true });
}

type Connection = Parameters<Parameters<Awaited<ReturnType<typeof openStore>>['transaction']>[0]>[0];

async function appendGenerationTables(connection: Connection, seed: number): Promise<void> {
  const e = generatedEndpoints;
  await appendColumns({
    connection, table: 'gen_endpoints', catalog: 'temp',
    types: [INTEGER, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE, INTEGER, DOUBLE],
    columns: [e.map((_, i) => i), e.map((x) => x.id), ...[0, 1, 2, 3].map((k) => e.map((x) => x.bbox[k]!)), e.map((x) => x.districts), e.map((x) => x.expectedShare)],
  });
  const services = e.flatMap((endpoint, endpointIdx) =>
    generatedServices.map((s, serviceIdx) => ({
      endpointIdx, serviceIdx, code: `${s.code}-${endpointIdx + 1}`, name: s.name, category: s.category,
      // Each city has its own mix and pace: weights and medians vary by up to ±50 % around the service norm.
      weight: s.weight * (0.5 + unit(seed, endpointIdx, serviceIdx, 1)),
      medianDays: s.medianDays * endpoint.pace * (0.5 + unit(seed, endpointIdx, serviceIdx, 2)),
      sigma: s.sigma, neverShare: s.neverCloseShare, targetDays: s.targetDays,
    })),
  );
  await appendColumns({
    connection, table: 'gen_services', catalog: 'temp',
    types: [INTEGER, INTEGER, VARCHAR, VARCHAR, VARCHAR, DOUBLE, DOUBLE, DOUBLE, DOUBLE],
    columns: [services.map((s) => s.endpointIdx), services.map((s) => s.serviceIdx), services.map((s) => s.code), services.map((s) => s.name),
      services.map((s) => s.category), services.map((s) => s.medianDays), services.map((s) => s.sigma), services.map((s) => s.neverShare), services.map((s) => s.targetDays)],
  });
  const endpointSlots = slots(e.map((x) => x.weight));
  await appendColumns({ connection, table: 'gen_endpoint_slots', catalog: 'temp', types: [INTEGER, INTEGER], columns: [endpointSlots.map((_, i) => i), endpointSlots] });
  const serviceSlots = e.flatMap((_, endpointIdx) => slots(services.filter((s) => s.endpointIdx === endpointIdx).map((s) => s.weight)).map((serviceIdx, slot) => [endpointIdx, slot, serviceIdx]));
  await appendColumns({ connection, table: 'gen_service_slots', catalog: 'temp', types: [INTEGER, INTEGER, INTEGER], columns: [0, 1, 2].map((k) => serviceSlots.map((row) => row[k]!)) });
}

/** 1000 slots shared out by weight: slot → index, so a uniform draw picks an index with its weight's chance. */
function slots(weights: number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  const bounds = weights.map((w) => (cumulative += w) / total);
  return Array.from({ length: 1000 }, (_, slot) => bounds.findIndex((b) => (slot + 0.5) / 1000 <= b));
}

/** A deterministic number in [0, 1) from integers (an integer hash, so generated stores are reproducible). */
function unit(...values: number[]): number {
  let h = 2166136261;
  for (const v of values) h = Math.imul(h ^ v, 16777619) ^ (h >>> 13);
  return ((Math.imul(h, 2654435761) >>> 0) % 1_000_000) / 1_000_000;
}
