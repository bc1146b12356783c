import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Store } from '../../../../pipelines/load/store.ts';
import type { SliceQuery } from './ordered-slices.ts';

/**
 * Parquet needs its footer written last, so DuckDB writes the file and the answer streams it; the temporary folder
 * goes when the stream closes, read or aborted. Each slice is written to a part file, then the parts are copied
 * into one file in order (a scan, no sort: memory stays bounded however many rows).
 */
export async function parquetExport({ store, plan, metadata }: {
  store: Store;
  plan: (connection: DuckDBConnection) => Promise<SliceQuery[]>;
  /** Key-value metadata of the final file (the export's provenance). */
  metadata: Record<string, string>;
}): Promise<Readable> {
  const dir = mkdtempSync(join(tmpdir(), 'fed311-export-'));
  const file = join(dir, 'requests.parquet');
  const reader = await store.connect();
  try {
    await reader.use(async (connection) => {
      const slices = await plan(connection);
      const parts = slices.length === 1 ? [file] : slices.map((_, i) => join(dir, `part-${String(i).padStart(5, '0')}.parquet`));
      const options = (final: boolean) => `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384${final ? `, KV_METADATA ${kvMetadata(metadata)}` : ''}`;
      for (const [i, { sql, params }] of slices.entries()) await connection.run(`COPY (${sql}) TO '${parts[i]}' (${options(parts[i] === file)})`, params);
      if (slices.length > 1) await mergeParts({ parts, file, options: options(true) });
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    reader.close();
  }
  const stream = createReadStream(file);
  stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
  return stream;
}

/**
 * The parts into one file, in order (read_parquet keeps the list's order with preserve_insertion_order), by a small
 * DuckDB of its own: one thread and 64 MB. The store's instance would run the copy on all its threads, each with its
 * own row-group buffers (~200 MB over idle at 1M rows), and its thread count is instance-wide.
 */
async function mergeParts({ parts, file, options }: { parts: string[]; file: string; options: string }): Promise<void> {
  const merger = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '64MB' });
  const connection = await merger.connect();
  try {
    await connection.run(`COPY (SELECT * FROM read_parquet([${parts.map((p) => `'${p}'`).join(', ')}])) TO '${file}' (${options})`);
  } finally {
    connection.closeSync();
    merger.closeSync();
  }
  for (const part of parts) rmSync(part);
}

/** A DuckDB struct literal of string keys and values, quoted as SQL strings (the values are JSON text). */
function kvMetadata(metadata: Record<string, string>): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
  return `{${Object.entries(metadata).map(([key, value]) => `${quote(key)}: ${quote(value)}`).join(', ')}}`;
}
