import { latLngToCell } from 'h3-js';
import { z } from 'zod';
import { readRows } from '../../../pipelines/load/store.ts';
import { badParameter } from '../errors.ts';
import { bboxText, booleanText, intText } from '../param-types.ts';
import type { DuckDBValue } from '@duckdb/node-api';
import { h3ParentSql } from '../../../pipelines/metrics/group-columns.ts';
import { requestConditions, type RequestFilter } from '../queries/request-filter.ts';
import { isoSql } from '../queries/request-rows.ts';
import { hexagonsResponse, pointsResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';
import { requestFilterShape, toRequestFilter } from './request-params.ts';

const maxCells = 50_000;
const { bbox: _bbox, ...filterShape } = requestFilterShape;

/**
 * Days from requested_at to now (the first parameter) while open, to closed_at once closed (null when unknown).
 * In microseconds: subtracting TIMESTAMPTZ values goes through ICU's calendar and costs 3× the whole scan.
 */
export const daysOpenSql = `(epoch_us(CASE WHEN status = 'open' THEN ?::TIMESTAMPTZ ELSE closed_at END) - epoch_us(requested_at)) / 86400e6`;

export function mapRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/map/hexagons',
      tag: 'map',
      summary: 'Requests aggregated to H3 cells inside a bbox: count, open, median days open (per category with categories=true)',
      query: z.strictObject({
        ...filterShape,
        bbox: bboxText.describe('west,south,east,north (required)'),
        resolution: intText(0, 12).optional().describe('H3 resolution, default 7'),
        categories: booleanText.optional(),
      }),
      response: hexagonsResponse,
      async handle(ctx, params) {
        const resolution = params.resolution ?? 7;
        const filter = toRequestFilter(params);
        const now = app.deps.now().toISOString();
        const byCategory = params.categories === true;
        if (resolution > storedResolution) {
          ctx.body = { resolution, rows: await hexagonsInServer({ app, filter, resolution, now, byCategory }) };
          return;
        }
        const [cells, categories] = await app.pool.use(async (connection) => {
          const cellRows = await readRows<{ h3: string; n: number; open: number; median_days_open: number | null }>(connection, ...hexagonSql({ filter, resolution, now }));
          const categoryRows = byCategory ? await readRows<{ h3: string; category: string; n: number }>(connection, ...hexagonCategorySql({ filter, resolution, now })) : [];
          return [cellRows, categoryRows];
        });
        if (cells.length > maxCells) throw tooManyCells();
        const perCell = new Map<string, Record<string, number>>();
        for (const { h3, category, n } of categories) perCell.set(h3, { ...perCell.get(h3), [category]: n });
        ctx.body = {
          resolution,
          rows: cells.map((cell) => ({ ...cell, median_days_open: round(cell.median_days_open), ...(byCategory ? { categories: perCell.get(cell.h3) ?? {} } : {}) })),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/map/points',
      tag: 'map',
      summary: 'The newest matching requests with coordinates inside a bbox, as GeoJSON points',
      query: z.strictObject({ ...filterShape, bbox: bboxText.describe('west,south,east,north (required)'), limit: intText(1, 10_000).optional() }),
      response: pointsResponse,
      async handle(ctx, params) {
        const limit = params.limit ?? 2000;
        const where = requestConditions(toRequestFilter(params)).add('lat IS NOT NULL AND lon IS NOT NULL');
        const sql = `SELECT endpoint_id, service_request_id, category, status, ${isoSql('requested_at')} AS requested_at, lat, lon, ${daysOpenSql} AS days
                     FROM service_requests ${where.where()} ORDER BY service_requests.requested_at DESC LIMIT ${limit + 1}`;
        const rows = await app.pool.use((c) => readRows<Record<string, unknown>>(c, sql, [app.deps.now().toISOString(), ...where.params]));
        ctx.body = {
          type: 'FeatureCollection',
          features: rows.slice(0, limit).map(({ lat, lon, days, ...properties }) => ({
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [lon, lat] },
            properties: {
              ...properties,
              days_open: properties.status === 'open' ? round(days as number) : null,
              ttc_days: properties.status === 'closed' ? round(days as number) : null,
            },
          })),
          truncated: rows.length > limit,
        };
      },
    }),
  ];
}

/** Requests carry their H3 cell at this resolution (metric_requests, kept by refreshMetrics); coarser cells are its parents. */
const storedResolution = 9;

/**
 * The filtered requests with their stored res-9 cell, grouped by its parent at `resolution`: one SQL query, no
 * per-point work in JavaScript. A point near a cell edge counts in its res-9 cell's parent (H3's hierarchy), which
 * can be the neighbour of the cell drawn around the point at the coarser resolution.
 */
function filteredCells({ filter, resolution, now }: { filter: RequestFilter; resolution: number; now: string }): [string, DuckDBValue[]] {
  const cell = `lower(hex(${h3ParentSql('h3_cell', resolution)})) AS h3, status = 'open' AS open, ${daysOpenSql} AS days, category`;
  if (answeredByMetricTable(filter)) {
    // The narrow metric table holds every column these filters read (coordinates included): one scan, no join.
    const where = requestConditions(filter).add('h3_cell IS NOT NULL');
    return [`SELECT ${cell} FROM metric_requests ${where.where()}`, [now, ...(where.params as DuckDBValue[])]];
  }
  const where = requestConditions(filter).add('lat IS NOT NULL AND lon IS NOT NULL');
  // A semi join: the hash table holds only the filtered keys (a district, not the 10M-row table), so the query fits
  // the store's memory share; status and times are read from the narrow metric table itself.
  const sql = `SELECT ${cell}
    FROM metric_requests AS m
    SEMI JOIN (SELECT endpoint_id, service_request_id FROM service_requests ${where.where()}) AS s
      ON m.endpoint_id = s.endpoint_id AND m.service_request_id = s.service_request_id
    WHERE h3_cell IS NOT NULL`;
  return [sql, [now, ...(where.params as DuckDBValue[])]];
}

/**
 * Filters that metric_requests can answer alone (it has the ids, category, service code, status, district, request
 * and update times and coordinates). Free text, detailed status and the duplicate flag (is_duplicate, where
 * metric_requests.duplicate also counts child requests) are read from service_requests.
 */
function answeredByMetricTable(filter: RequestFilter): boolean {
  return !filter.q && !filter.detailedStatuses?.length && !filter.excludeDuplicates;
}

/** Per cell: requests, open ones and the median days open (the query the hexagon route and bench/api run). */
export function hexagonSql(input: { filter: RequestFilter; resolution: number; now: string }): [string, DuckDBValue[]] {
  const [cells, params] = filteredCells(input);
  return [`SELECT h3, count(*) AS n, count(*) FILTER (WHERE open) AS open, median(days) AS median_days_open FROM (${cells}) GROUP BY h3 ORDER BY h3 LIMIT ${maxCells + 1}`, params];
}

function hexagonCategorySql(input: { filter: RequestFilter; resolution: number; now: string }): [string, DuckDBValue[]] {
  const [cells, params] = filteredCells(input);
  return [`SELECT h3, category, count(*) AS n FROM (${cells}) GROUP BY h3, category`, params];
}

/** Finer than the stored cells: computed here from the points in the bbox (h3-js, ~1 µs a point, streamed in chunks). */
async function hexagonsInServer({ app, filter, resolution, now, byCategory }: { app: AppServices; filter: RequestFilter; resolution: number; now: string; byCategory: boolean }) {
  const where = requestConditions(filter).add('lat IS NOT NULL AND lon IS NOT NULL');
  const sql = `SELECT lat, lon, status = 'open' AS open, ${daysOpenSql} AS days, category FROM service_requests ${where.where()}`;
  const cells = new Map<string, Cell>();
  // On a pooled read connection, chunk by chunk: memory holds the cells, never the points.
  await app.pool.use(async (connection) => {
    const result = await connection.stream(sql, [now, ...(where.params as DuckDBValue[])]);
    for await (const rows of result.yieldRowObjectJson()) addToCells({ cells, rows, resolution, categories: byCategory });
  });
  return [...cells].map(([h3, cell]) => ({
    h3, n: cell.n, open: cell.open, median_days_open: round(median(cell.days)), ...(byCategory ? { categories: cell.categories } : {}),
  }));
}

function tooManyCells() {
  return badParameter('resolution', `more than ${maxCells} cells in this bbox: choose a coarser resolution or a smaller bbox`);
}

interface Cell {
  n: number;
  open: number;
  days: number[];
  categories: Record<string, number>;
}

function addToCells({ cells, rows, resolution, categories }: { cells: Map<string, Cell>; rows: Record<string, unknown>[]; resolution: number; categories: boolean }): void {
  for (const row of rows) {
    const h3 = latLngToCell(row.lat as number, row.lon as number, resolution);
    let cell = cells.get(h3);
    if (!cell) {
      if (cells.size >= maxCells) throw tooManyCells();
      cell = { n: 0, open: 0, days: [], categories: {} };
      cells.set(h3, cell);
    }
    cell.n += 1;
    if (row.open) cell.open += 1;
    if (row.days !== null) cell.days.push(row.days as number);
    if (categories) cell.categories[row.category as string] = (cell.categories[row.category as string] ?? 0) + 1;
  }
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
}

function round(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : Math.round(value * 100) / 100;
}
