import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBPreparedStatement, type DuckDBResultReader, type DuckDBValue } from '@duckdb/node-api';
import { LRUCache } from 'lru-cache';
import pLimit from 'p-limit';
import { applyMigrations } from './migrate.ts';
import { createReaders, type Reader } from './readers.ts';

export type { Reader } from './readers.ts';

export type Row = Record<string, unknown>;

/**
 * DuckDB threads for a process that only harvests (`fed311 harvest`). A harvest runs many small statements (a
 * 3000-row batch's merge, its events) on one write connection, and spreading each over two threads costs more than
 * it gains: with one thread a 200k-request harvest took 12 % less CPU and ran 6 % faster (docs/benchmarks.md). The
 * server keeps DuckDB's default, one per core, so that one heavy dashboard query uses them all.
 */
export const harvestDuckdbThreads = 1;

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
  /** A read connection of its own, for readers that must not wait for writers (the API). */
  connect(): Promise<Reader>;
  /** Moves on every finished use of the write connection: an answer computed at one generation is current until it moves. */
  generation(): number;
  /**
   * Interrupts what the read connections run and waits for them (at most `readersWaitMs`, default 10 s), lets the
   * writes in flight finish, checkpoints and closes. Throws if a reader was still busy: the instance is then left
   * open (closing it under a running query would block or abort), with every write committed and checkpointed.
   */
  close(options?: { readersWaitMs?: number }): Promise<void>;
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
  const readers = createReaders(instance);
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
    connect: () => readers.open(prepareConnection),
    close: async ({ readersWaitMs = 10_000 } = {}) => {
      if (closed) return;
      closed = true;
      const stuck = await readers.closeAll(readersWaitMs);
      await serial(async () => {
        await writer.run('CHECKPOINT').catch(() => undefined);
        writer.closeSync();
      });
      if (stuck > 0) throw new Error(`${stuck} read connection(s) still busy ${readersWaitMs} ms after an interrupt; the DuckDB instance was left open (every write is committed and checkpointed)`);
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
  return rowObjects<T>(await connection.runAndReadAll(sql, params));
}

const preparedByConnection = new WeakMap<DuckDBConnection, LRUCache<string, DuckDBPreparedStatement>>();

/**
 * The result of one statement a connection runs again and again with other values (an API route's query): it is
 * parsed, bound and planned once per connection and kept (the 32 most recent), which saves about a fifth of a
 * 10M-row page query (docs/api.md). A connection must not run two of these at once (the read pool hands each
 * connection to one caller at a time). Read it with rowObjects.
 */
export async function runPrepared(connection: DuckDBConnection, sql: string, params: DuckDBValue[] = []): Promise<DuckDBResultReader> {
  let statements = preparedByConnection.get(connection);
  if (!statements) {
    statements = new LRUCache({ max: 32, dispose: (statement) => statement.destroySync() });
    preparedByConnection.set(connection, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = await connection.prepare(sql);
    statements.set(sql, statement);
  }
  statement.clearBindings();
  if (params.length) statement.bind(params);
  return statement.runAndReadAll();
}

/**
 * A result's rows as plain objects (see readRows), column by column into one object per row: no intermediate row
 * objects (garbage a busy server collects). Columns named in `apart` are left out of the rows and returned as
 * arrays of their own (a page's sort keys).
 */
export function rowObjects<T extends object>(reader: DuckDBResultReader): T[];
export function rowObjects<T extends object>(reader: DuckDBResultReader, apart: readonly string[]): { rows: T[]; columns: Record<string, unknown[]> };
export function rowObjects<T extends object>(reader: DuckDBResultReader, apart?: readonly string[]): T[] | { rows: T[]; columns: Record<string, unknown[]> } {
  const converters = reader.columnTypes().map(converterFor);
  const names = reader.columnNames();
  const columns = reader.getColumnsJson();
  const rows: Row[] = Array.from({ length: reader.currentRowCount }, () => ({}));
  const split: Record<string, unknown[]> = {};
  names.forEach((name, i) => {
    const values = columns[i]!;
    if (apart?.includes(name)) {
      split[name] = values;
      return;
    }
    const convert = converters[i]!;
    for (let r = 0; r < rows.length; r += 1) {
      const value = values[r];
      rows[r]![name] = value === null || value === undefined ? null : convert(value);
    }
  });
  return apart ? { rows: rows as T[], columns: split } : (rows as T[]);
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
