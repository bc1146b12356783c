import { DuckDBBlobValue, type DuckDBConnection } from '@duckdb/node-api';
import { rowObjects, runPrepared, type Row } from '../../../pipelines/load/store.ts';
import type { Conditions } from './sql-parts.ts';

export interface PageKey {
  endpoint_id: string;
  service_request_id: string;
  /** requested_at in epoch microseconds. */
  t: string;
}

/** The page query's two steps (see selectPage); the wide rows are named `wide`, with every column of service_requests. */
function pageSteps({ where, order, limit, offset }: { where: Conditions; order: string; limit: number; offset: number }): string {
  return `page AS (
       SELECT endpoint_id, service_request_id, requested_at FROM service_requests ${where.where()} ${order} LIMIT ${limit} OFFSET ${offset}
     ),
     wide AS (
       SELECT s.* FROM service_requests s
       SEMI JOIN page p ON s.requested_at = p.requested_at AND s.endpoint_id = p.endpoint_id AND s.service_request_id = p.service_request_id
     )`;
}

/**
 * One page of requests in one query of two steps: the page's keys from the narrow sort columns (a top-N that
 * DuckDB prunes by row-group min/max once it holds `limit` rows), then the wide rows of just those keys through a
 * semi join, whose build side (the page) hands its min/max requested_at to the wide scan so that only the page's
 * row groups are read. A single ORDER BY … LIMIT over wide rows makes DuckDB carry every matching row's text
 * through the top-N (about 460 ms on 1M rows); this takes 8 ms on 10M, a third less than two round trips
 * (docs/api.md). The statement is prepared once per read connection. `order` names columns of service_requests without an alias.
 */
export async function selectPage({ connection, select, where, order, limit, offset = 0 }: {
  connection: DuckDBConnection;
  select: string;
  where: Conditions;
  order: string;
  limit: number;
  offset?: number;
}): Promise<{ keys: PageKey[]; rows: Row[] }> {
  const result = await runPrepared(
    connection,
    `WITH ${pageSteps({ where, order, limit, offset })}
     SELECT ${select}, epoch_us(requested_at)::VARCHAR AS _t, endpoint_id AS _e, service_request_id AS _i
     FROM wide AS service_requests
     ${order}`,
    where.params,
  );
  const { rows, columns } = rowObjects<Row>(result, ['_t', '_e', '_i']);
  const keys = rows.map((_, r): PageKey => ({ endpoint_id: String(columns._e![r]), service_request_id: String(columns._i![r]), t: String(columns._t![r]) }));
  return { keys, rows };
}

/**
 * A page as one JSON array of `limit` rows, written by DuckDB from `json` (an expression over service_requests that
 * gives one row's JSON text) and handed over as bytes, with the key of its last row and whether more rows follow.
 * The server then holds one buffer per page instead of a string per value and an object per row: under 50
 * connections on a 10M store its main thread went from ~7 to ~2 ms per page (docs/api.md). Same two steps and
 * ordering as selectPage; rows are ordered by the stored timestamps, so page and cursor agree to the microsecond.
 */
export async function selectJsonPage({ connection, json, where, order, limit }: {
  connection: DuckDBConnection;
  json: string;
  where: Conditions;
  order: string;
  limit: number;
}): Promise<{ rows: Uint8Array; last: PageKey | null; more: boolean }> {
  const result = await runPrepared(
    connection,
    `WITH ${pageSteps({ where, order, limit: limit + 1, offset: 0 })},
     ranked AS (SELECT ${json} AS json, requested_at, endpoint_id, service_request_id, row_number() OVER (${order}) AS n FROM wide AS service_requests)
     SELECT encode('[' || coalesce(string_agg(json, ',' ORDER BY n) FILTER (WHERE n <= ${limit}), '') || ']') AS rows,
            count(*) > ${limit} AS more,
            any_value(epoch_us(requested_at)::VARCHAR) FILTER (WHERE n = ${limit}) AS t,
            any_value(endpoint_id) FILTER (WHERE n = ${limit}) AS e,
            any_value(service_request_id) FILTER (WHERE n = ${limit}) AS i
     FROM ranked`,
    where.params,
  );
  const [rows, more, t, e, i] = [0, 1, 2, 3, 4].map((column) => result.value(column, 0));
  if (!(rows instanceof DuckDBBlobValue)) throw new Error('selectJsonPage: the page query returned no rows');
  const last = typeof t === 'string' && typeof e === 'string' && typeof i === 'string' ? { t, endpoint_id: e, service_request_id: i } : null;
  return { rows: rows.bytes, last, more: more === true };
}
