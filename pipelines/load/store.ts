import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import pLimit from 'p-limit';
import { applyMigrations } from './migrate.ts';

export type Row = Record<string, unknown>;

/**
 * The one DuckDB file of a fed311 process: one instance (DuckDB lets one process write a file), one write
 * connection whose transactions are serialised, and read connections opened on demand.
 */
export interface Store {
  path: string;
  /** Runs `work` in one transaction on the write connection; concurrent callers wait their turn. */
  transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /** A read query on the write connection, serialised with the writes (consistent with them). */
  query<T extends object = Row>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  /** A fresh connection for readers that must not wait for writers (the API). */
  connect(): Promise<DuckDBConnection>;
  /** Moves on every finished use of the write connection: an answer computed at one generation is current until it moves. */
  generation(): number;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  path: string;
  /** DuckDB memory_limit, e.g. '256MB' (DuckDB spills to disk beyond it). */
  memoryLimit?: string;
  threads?: number;
}

export async function openStore({ path, memoryLimit = '192MB', threads }: OpenStoreOptions): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // A WAL of 256 MB before each checkpoint. A checkpoint's cost grows with the table, not only with the rows new
  // since the last, so for a backfill fewer, larger ones cost less: 64 MB → 256 MB took a 200k-request harvest from
  // 142 to 128 µs of CPU per record (docs/benchmarks.md) without raising peak memory. memory_limit is DuckDB's
  // share of the process (see FED311_DUCKDB_MEMORY).
  const options: Record<string, string> = { memory_limit: memoryLimit, checkpoint_threshold: '256MB' };
  if (threads) options.threads = String(threads);
  const instance = await DuckDBInstance.fromCache(path, options);
  const writer = await prepareConnection(await instance.connect());
  await applyMigrations({ connection: writer });
  const serial = pLimit(1);
  let closed = false;
  let generation = 0;
  const written = <T>(result: T): T => {
    generation += 1;
    return result;
  };

  return {
    path,
    transaction: (work) =>
      serial(async () => {
        await writer.run('BEGIN TRANSACTION');
        try {
          const result = await work(writer);
          await writer.run('COMMIT');
          return written(result);
        } catch (error) {
          await writer.run('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    // A query on the write connection may write (DELETE, CHECKPOINT...): it moves the generation too.
    query: (sql, params) => serial(async () => written(await readRows(writer, sql, params))),
    generation: () => generation,
    connect: async () => prepareConnection(await instance.connect()),
    close: async () => {
      if (closed) return;
      closed = true;
      await serial(async () => {
        await writer.run('CHECKPOINT').catch(() => undefined);
        writer.closeSync();
      });
      instance.closeSync();
    },
  };
}

async function prepareConnection(connection: DuckDBConnection): Promise<DuckDBConnection> {
  // Timestamps leave DuckDB in UTC whatever the machine's zone is (TimeZone lives in the bundled icu extension).
  await connection.run(`LOAD icu; SET TimeZone = 'UTC'`);
  return connection;
}

/** Rows as plain objects with JS values: integers as numbers, timestamps as ISO strings with Z, JSON parsed. */
export async function readRows<T extends object = Row>(
  connection: DuckDBConnection,
  sql: string,
  params?: DuckDBValue[],
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  const converters = reader.columnTypes().map(converterFor);
  const names = reader.columnNames();
  return reader.getRowObjectsJson().map((row) => {
    const out: Row = {};
    names.forEach((name, i) => {
      const value = row[name];
      out[name] = value === null || value === undefined ? null : converters[i]!(value);
    });
    return out as T;
  });
}

type Convert = (value: unknown) => unknown;
const keep: Convert = (value) => value;
const toNumber: Convert = (value) => Number(value);
const parseJson: Convert = (value) => JSON.parse(String(value));
// getRowObjectsJson renders TIMESTAMPTZ as ISO text already; normalise the fraction to milliseconds.
const toIso: Convert = (value) => new Date(String(value)).toISOString();

function converterFor(type: { typeId: DuckDBTypeId; alias?: string }): Convert {
  if (type.alias === 'JSON') return parseJson;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return toNumber;
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP:
      return toIso;
    default:
      return keep;
  }
}
