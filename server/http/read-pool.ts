import type { DuckDBConnection } from '@duckdb/node-api';
import pLimit from 'p-limit';
import type { Store } from '../../pipelines/load/store.ts';

/** A few read connections shared by API requests: readers never wait for the harvest's write connection. */
export interface ReadPool {
  use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  close(): void;
}

export function createReadPool({ store, size = 4 }: { store: Store; size?: number }): ReadPool {
  const limit = pLimit(size);
  const idle: DuckDBConnection[] = [];
  const all: DuckDBConnection[] = [];
  return {
    use: (work) =>
      limit(async () => {
        let connection = idle.pop();
        if (!connection) {
          connection = await store.connect();
          all.push(connection);
        }
        try {
          return await work(connection);
        } finally {
          idle.push(connection);
        }
      }),
    close: () => {
      for (const connection of all) connection.closeSync();
      all.length = 0;
      idle.length = 0;
    },
  };
}
