import type { DuckDBConnection } from '@duckdb/node-api';
import pLimit from 'p-limit';
import type { Reader, Store } from '../../pipelines/load/store.ts';

/** A few read connections shared by API requests: readers never wait for the harvest's write connection. */
export interface ReadPool {
  use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Closes the idle connections now and the busy ones as they finish (the store interrupts them when it closes). */
  close(): void;
}

export function createReadPool({ store, size = 4 }: { store: Store; size?: number }): ReadPool {
  const limit = pLimit(size);
  const idle: Reader[] = [];
  let closed = false;
  return {
    use: (work) =>
      limit(async () => {
        const reader = idle.pop() ?? (await store.connect());
        try {
          return await reader.use(work);
        } finally {
          if (closed) reader.close();
          else idle.push(reader);
        }
      }),
    close: () => {
      closed = true;
      for (const reader of idle.splice(0)) reader.close();
    },
  };
}
