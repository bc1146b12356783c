import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from '../../../../pipelines/load/store.ts';
import type { SliceQuery } from './ordered-slices.ts';

/**
 * Rows of a series of queries in DuckDB's chunks (about 2048 rows), on a connection of its own that closes when
 * the consumer stops early or finishes: an export holds one chunk in memory, never the result. At most `limit` rows.
 */
export async function* streamRows({ store, plan, limit = Infinity }: {
  store: Store;
  plan: (connection: DuckDBConnection) => Promise<SliceQuery[]>;
  limit?: number;
}): AsyncGenerator<Record<string, unknown>[]> {
  const reader = await store.connect();
  const { connection } = reader;
  // Busy from the first query to the last chunk: a store that closes meanwhile interrupts it, never closes it under it.
  const release = reader.hold();
  let left = limit;
  try {
    for (const { sql, params } of await plan(connection)) {
      const result = await connection.stream(sql, params);
      for await (const rows of result.yieldRowObjectJson()) {
        if (left <= 0) return;
        const kept = rows.length > left ? rows.slice(0, left) : rows;
        left -= kept.length;
        yield kept;
      }
      // An interrupted stream ends as if it were complete: an export cut short must fail, not end.
      if (reader.interrupted()) throw new Error('export interrupted: the server is shutting down');
    }
  } finally {
    release();
    reader.close();
  }
}
