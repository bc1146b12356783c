import type { DuckDBConnection } from '@duckdb/node-api';
import { readRows, type Row, type Store } from '../load/store.ts';
import { compileMetric } from './compile-metric.ts';
import { areaKeys, guardedValues, listMetrics, type MetricSpec } from './definitions.ts';
import { MetricRequestError } from './metric-error.ts';
import type { MetricRequest, MetricResult, MetricRow } from './types.ts';

/** A Store (reads wait for writes), or a read connection from store.connect() (the API: readers never wait). */
export type MetricsDb = Store | DuckDBConnection;

export const defaultMinN = 20;

/**
 * Computes one metric per group inside DuckDB. as-of: the request's, else `now()`, else the newest refresh's data
 * time (never the machine clock). Rows below min_n are suppressed when the metric is a rate or a duration.
 */
export async function computeMetric(db: MetricsDb, request: MetricRequest, options: { now?: () => Date; dataTime?: string } = {}): Promise<MetricResult> {
  const known = options.dataTime ?? (await dataTime(db));
  const asOf = request.asOf ? new Date(request.asOf).toISOString() : (options.now?.().toISOString() ?? known);
  const knownUntil = await lastSuccessBefore(db, asOf);
  const { spec, request: valid, sql, params } = compileMetric({ request, asOf, dataTime: known, knownUntil });
  if (valid.polygons) await assertPolygonSet(db, valid.polygons);
  const rows = (await query(db, sql, params.values)).map((row) => toMetricRow(spec, row, valid.minN ?? defaultMinN));
  if (valid.groupBy?.includes('endpoint')) await nameLicenses(db, rows);
  const definition = listMetrics().find((d) => d.id === spec.id)!;
  const result: MetricResult = { metric: spec.id, definition, asOf, rows };
  if (spec.requiresArea) result.summary = spreadOf(rows, (valid.groupBy ?? []).filter((key) => areaKeys.includes(key)));
  if (Object.keys(knownUntil).length) result.known_until = knownUntil;
  return result;
}

/** Each row of a comparison across endpoints names its endpoint's license: whoever reuses the figure must know the terms. */
async function nameLicenses(db: MetricsDb, rows: MetricRow[]): Promise<void> {
  const licenses = new Map((await query(db, 'SELECT endpoint_id, license FROM endpoints', [])).map((row) => [row.endpoint_id as string, (row.license as string | null) ?? null]));
  for (const row of rows) row.license = licenses.get(String(row.group.endpoint)) ?? null;
}

/** Endpoints whose last successful harvest is before as-of (one failed since, or has not run yet), with that time. */
async function lastSuccessBefore(db: MetricsDb, asOf: string): Promise<Record<string, string>> {
  const rows = await query(
    db,
    `SELECT endpoint_id, strftime(last_success_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at FROM harvest_state WHERE last_success_at < $1::TIMESTAMPTZ ORDER BY endpoint_id`,
    [asOf],
  );
  return Object.fromEntries(rows.map((row) => [row.endpoint_id as string, row.at as string]));
}

function query(db: MetricsDb, sql: string, params: Parameters<typeof readRows>[2]): Promise<Row[]> {
  return 'transaction' in db ? db.query(sql, params) : readRows(db, sql, params);
}

/** What the metric tables know up to: the newest refresh's data time (else the newest request), ISO UTC. */
export async function dataTime(db: MetricsDb): Promise<string> {
  const [row] = await query(db, `SELECT coalesce((SELECT max(seen_through) FROM metric_refresh_state), (SELECT max(requested_at) FROM metric_requests), '1970-01-01'::TIMESTAMPTZ) AS t`, []);
  return row!.t as string;
}

async function assertPolygonSet(db: MetricsDb, setId: string): Promise<void> {
  const found = await query(db, `SELECT 1 FROM metric_polygon_sets WHERE set_id = $1`, [setId]);
  if (!found.length) throw new MetricRequestError('polygons', `no polygon set ${JSON.stringify(setId)} is loaded`);
}

function toMetricRow(spec: MetricSpec, row: Row, minN: number): MetricRow {
  const group: MetricRow['group'] = {};
  const values: Record<string, number | null> = {};
  for (const [column, cell] of Object.entries(row)) {
    if (column.startsWith('g_')) group[column.slice(2)] = cell as string | number | null;
    else if (column.startsWith('v_')) values[column.slice(2)] = cell === null ? null : Number(cell);
  }
  const n = Number(row.n ?? 0);
  const small = n < minN;
  const suppressed = spec.guarded === true && small;
  if (small) for (const name of guardedValues(spec)) values[name] = null;
  return { group, n, value: values[spec.values[0]!] ?? null, values, suppressed };
}

/**
 * Equity: the slowest and fastest area medians. Areas are the rows that are not suppressed and have a place (the
 * group of requests without one is not an area). An area whose median is not reached yet (half its requests are
 * still open) has no median to rank: it is counted in `areas_without_median`, and the spread and ratio over the
 * others are then at least what they would be over every area (a spread over fewer areas can only be smaller).
 */
function spreadOf(rows: MetricRow[], areaColumns: string[]): Record<string, number | null> {
  const areas = rows.filter((row) => !row.suppressed && areaColumns.every((key) => row.group[key] != null));
  const medians = areas.filter((row) => row.value !== null).map((row) => row.value!);
  const counts = { areas: areas.length, areas_without_median: areas.length - medians.length };
  if (medians.length < 2) return { ...counts, slowest_days: null, fastest_days: null, spread_days: null, ratio: null };
  const slowest = Math.max(...medians);
  const fastest = Math.min(...medians);
  return { ...counts, slowest_days: slowest, fastest_days: fastest, spread_days: slowest - fastest, ratio: fastest > 0 ? slowest / fastest : null };
}
