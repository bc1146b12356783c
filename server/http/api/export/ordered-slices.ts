import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { readRows } from '../../../../pipelines/load/store.ts';
import { requestOrder } from '../../queries/keyset.ts';
import type { Conditions } from '../../queries/sql-parts.ts';

/** Rows per slice: sorting this many full rows stays within a few tens of MB whatever the export's size. */
export const defaultSliceRows = 20_000;

export interface SliceQuery {
  sql: string;
  params: DuckDBValue[];
}

/**
 * An export's query as a series of `requested_at` slices, newest first, each sorted on its own. One ORDER BY over
 * millions of wide rows makes DuckDB hold (or fail to spill) the whole sort; slices cut at approximate quantiles
 * partition the rows exactly (every row falls in one [from, until) range), so their concatenation is the same
 * order with bounded memory, at the cost of one more scan of requested_at per slice.
 */
export async function orderedSlices({ connection, select, where, limit, rowsPerSlice = defaultSliceRows }: {
  connection: DuckDBConnection;
  select: string;
  where: Conditions;
  limit?: number;
  rowsPerSlice?: number;
}): Promise<SliceQuery[]> {
  const [{ n }] = (await readRows<{ n: number }>(connection, `SELECT count(*) AS n FROM service_requests ${where.where()}`, where.params)) as [{ n: number }];
  const wanted = Math.min(n, limit ?? n);
  const slices = Math.ceil(n / rowsPerSlice);
  let bounds: string[] = [];
  if (slices > 1 && wanted > rowsPerSlice) {
    const quantiles = Array.from({ length: slices - 1 }, (_, i) => (i + 1) / slices);
    const [row] = await readRows<{ q: string[] }>(
      connection,
      `SELECT approx_quantile(epoch_us(requested_at), [${quantiles.join(', ')}])::VARCHAR[] AS q FROM service_requests ${where.where()}`,
      where.params,
    );
    bounds = [...new Set(row!.q)].sort((a, b) => Number(BigInt(b) - BigInt(a)));
  }
  const base = where.where() ? `${where.where()} AND` : 'WHERE';
  const limitSql = limit === undefined ? '' : ` LIMIT ${limit}`;
  if (bounds.length === 0) return [{ sql: `SELECT ${select} FROM service_requests ${where.where()} ${requestOrder}${limitSql}`, params: where.params }];
  // Newest first: [b0, ∞), [b1, b0), …, (-∞, b_last).
  const ranges = [...bounds.map((from, i) => ({ from, until: i === 0 ? null : bounds[i - 1]! })), { from: null, until: bounds.at(-1)! }];
  return ranges.map(({ from, until }) => {
    const parts = [from === null ? null : 'requested_at >= make_timestamptz(?::BIGINT)', until === null ? null : 'requested_at < make_timestamptz(?::BIGINT)'].filter(Boolean);
    const values = [from, until].filter((v): v is string => v !== null);
    return { sql: `SELECT ${select} FROM service_requests ${base} ${parts.join(' AND ')} ${requestOrder}${limitSql}`, params: [...where.params, ...values] };
  });
}
