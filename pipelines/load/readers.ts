import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * A read connection of the store's. While it is busy (`use`, `hold`) closing the store interrupts what runs on it
 * and waits for it: closing a DuckDB connection in the middle of a query blocks or aborts the process.
 */
export interface Reader {
  readonly connection: DuckDBConnection;
  /** Runs `work` on the connection, marked busy meanwhile. */
  use<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Marks the connection busy until the returned function is called: a stream that yields between its chunks. */
  hold(): () => void;
  /**
   * Whether closing the store interrupted this connection. A streamed result that is interrupted simply ends
   * early (node-api reports no error), so a stream must check this before it takes its end for the end.
   */
  interrupted(): boolean;
  /** Closes the connection (once; a busy one when it is released). */
  close(): void;
}

/** The read connections of one instance, so that the store can close them safely. */
export interface Readers {
  open(prepare: (connection: DuckDBConnection) => Promise<DuckDBConnection>): Promise<Reader>;
  /**
   * Refuses new readers, interrupts the busy ones and waits up to `waitMs` for them to be released, then closes
   * every reader. Returns how many were still busy (left open: closing them would block).
   */
  closeAll(waitMs: number): Promise<number>;
}

interface Entry {
  reader: Reader;
  busy: number;
  closeWhenIdle: boolean;
  interrupted: boolean;
}

export function createReaders(instance: DuckDBInstance): Readers {
  const entries = new Set<Entry>();
  let closing = false;
  let idleChanged: () => void = () => undefined;

  const closeEntry = (entry: Entry) => {
    entries.delete(entry);
    entry.reader.connection.closeSync();
  };

  return {
    async open(prepare) {
      if (closing) throw new Error('the store is closing: no new read connections');
      const connection = await prepare(await instance.connect());
      const entry: Entry = { busy: 0, closeWhenIdle: false, interrupted: false, reader: undefined as unknown as Reader };
      const release = () => {
        entry.busy -= 1;
        if (entry.busy > 0) return;
        if (entry.closeWhenIdle) closeEntry(entry);
        idleChanged();
      };
      const hold = () => {
        entry.busy += 1;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          release();
        };
      };
      entry.reader = {
        connection,
        hold,
        use: async (work) => {
          const done = hold();
          try {
            return await work(connection);
          } finally {
            done();
          }
        },
        interrupted: () => entry.interrupted,
        close: () => {
          if (!entries.has(entry)) return;
          if (entry.busy > 0) entry.closeWhenIdle = true;
          else closeEntry(entry);
        },
      };
      entries.add(entry);
      return entry.reader;
    },

    async closeAll(waitMs) {
      closing = true;
      const busy = () => [...entries].filter((e) => e.busy > 0);
      const interrupt = (entry: Entry) => {
        entry.interrupted = true;
        entry.reader.connection.interrupt();
      };
      busy().forEach(interrupt);
      const deadline = Date.now() + waitMs;
      while (busy().length > 0 && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
          idleChanged = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        // A query that started after the interrupt (the next chunk of a stream, a second statement) is stopped too.
        busy().forEach(interrupt);
      }
      idleChanged = () => undefined;
      const stuck = busy().length;
      for (const entry of [...entries]) if (entry.busy === 0) closeEntry(entry);
      return stuck;
    },
  };
}
