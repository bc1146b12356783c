import type { DuckDBConnection } from '@duckdb/node-api';
import { readRows, type Row } from '../../../pipelines/load/store.ts';
import type { Conditions } from './sql-parts.ts';

export interface PageKey {
  endpoint_id: string;
  service_request_id: string;
  /** requested_at in epoch microseconds. */
  t: string;
}

/**
 * One page of requests in two steps: the page's keys from the narrow sort columns, then the wide rows of just
 * those keys. A single ORDER BY … LIMIT over wide rows makes DuckDB carry every matching row's text through the
 * top-N (about 460 ms on 1M rows against 15 ms in two steps).
 */
export async function selectPage({ connection, select, where, order, limit, offset = 0 }: {
  connection: DuckDBConnection;
  select: string;
  where: Conditions;
  order: string;
  limit: number;
  offset?: number;
}): Promise<{ keys: PageKey[]; rows: Row[] }> {
  const keys = await readRows<PageKey>(
    connection,
    `SELECT endpoint_id, service_request_id, epoch_us(requested_at)::VARCHAR AS t FROM service_requests ${where.where()} ${order} LIMIT ${limit} OFFSET ${offset}`,
    where.params,
  );
  if (keys.length === 0) return { keys, rows: [] };
  const times = keys.map((k) => BigInt(k.t));
  const [earliest, latest] = times.reduce(([lo, hi], t) => [t < lo ? t : lo, t > hi ? t : hi], [times[0]!, times[0]!]);
  const endpoints = [...new Set(keys.map((k) => k.endpoint_id))];
  const ids = [...new Set(keys.map((k) => k.service_request_id))];
  const wide = await readRows<Row & { _e: string; _i: string }>(
    connection,
    // The time range lets DuckDB skip row groups by their min/max; the id lists find the rows inside it.
    `SELECT ${select}, endpoint_id AS _e, service_request_id AS _i FROM service_requests
     WHERE requested_at BETWEEN make_timestamptz(?::BIGINT) AND make_timestamptz(?::BIGINT)
       AND endpoint_id IN (${endpoints.map(() => '?').join(', ')}) AND service_request_id IN (${ids.map(() => '?').join(', ')})`,
    [String(earliest), String(latest), ...endpoints, ...ids],
  );
  const byKey = new Map(wide.map(({ _e, _i, ...row }) => [`${_e}\u0000${_i}`, row]));
  // Keys come in page order; an id repeated across endpoints in the range is told apart by the pair.
  const rows = keys.map((k) => byKey.get(`${k.endpoint_id}\u0000${k.service_request_id}`)).filter((row): row is Row => row !== undefined);
  return { keys, rows };
}
