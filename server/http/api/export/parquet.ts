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
export async function parquetExport({ store, plan }: { store: Store; plan: (connection: DuckDBConnection) => Promise<SliceQuery[]> }): Promise<Readable> {
  const dir = mkdtempSync(join(tmpdir(), 'fed311-export-'));
  const file = join(dir, 'requests.parquet');
  const reader = await store.connect();
  try {
    await reader.use(async (connection) => {
      const slices = await plan(connection);
      const parts = slices.length === 1 ? [file] : slices.map((_, i) => join(dir, `part-${String(i).padStart(5, '0')}.parquet`));
      for (const [i, { sql, params }] of slices.entries()) await connection.run(`COPY (${sql}) TO '${parts[i]}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384)`, params);
      if (slices.length > 1) await mergeParts({ parts, file });
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
async function mergeParts({ parts, file }: { parts: string[]; file: string }): Promise<void> {
  const merger = await DuckDBInstance.create(':memory:', { threads: '1', memory_limit: '64MB' });
  const connection = await merger.connect();
  try {
    await connection.run(`COPY (SELECT * FROM read_parquet([${parts.map((p) => `'${p}'`).join(', ')}])) TO '${file}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384)`);
  } finally {
    connection.closeSync();
    merger.closeSync();
  }
  for (const part of parts) rmSync(part);
}
