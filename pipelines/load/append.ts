import { DuckDBDataChunk, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';

// DuckDB's standard vector size: one data chunk holds at most this many rows.
const chunkRows = 2048;

type Value = string | number | boolean | null;

/** Bulk-appends column arrays to a table through the Appender, one data chunk at a time. */
export async function appendColumns({
  connection,
  table,
  schema = 'main',
  catalog,
  types,
  columns,
}: {
  connection: DuckDBConnection;
  table: string;
  schema?: string;
  catalog?: string;
  types: readonly DuckDBType[];
  columns: readonly (readonly Value[])[];
}): Promise<void> {
  const rows = columns[0]?.length ?? 0;
  if (rows === 0) return;
  const appender = await connection.createAppender(table, schema, catalog);
  try {
    for (let offset = 0; offset < rows; offset += chunkRows) {
      const count = Math.min(chunkRows, rows - offset);
      const chunk = DuckDBDataChunk.create(types, count);
      chunk.setColumns(columns.map((column) => column.slice(offset, offset + count)));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
