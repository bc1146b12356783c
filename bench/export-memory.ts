// Streams a full export of a generated store in each format from the API (a child process) and reports the
// server's peak resident memory, the time, the size, and a read-back of every row. Target: peak < 300 MB at 1M rows.
//   node --import tsx bench/export-memory.ts [--requests 1000000] [--formats csv,geojson,ndjson,parquet] [--duckdb-memory 192MB]
import { copyFileSync, createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { startApiProcess } from './support/api-process.ts';
import { generateStore } from './support/generate-store.ts';

const { values } = parseArgs({ options: { requests: { type: 'string' }, formats: { type: 'string' }, 'duckdb-memory': { type: 'string' } } });
const memoryLimit = values['duckdb-memory'] ?? '192MB';
const requests = Number(values.requests ?? 1_000_000);
const formats = (values.formats ?? 'csv,geojson,ndjson,parquet').split(',');
const generated = await generateStore({ requests });
const dir = mkdtempSync(join(tmpdir(), 'fed311-bench-export-'));
// A copy: the cached store may be open in another benchmark, and DuckDB lets one process hold a file.
const dbPath = join(dir, 'store.duckdb');
copyFileSync(generated.path, dbPath);

/** Rows in the export as read back independently: DuckDB for CSV and Parquet, JSON.parse for the JSON formats. */
async function readBack(format: string, file: string): Promise<number> {
  if (format === 'csv' || format === 'parquet') {
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const reader = format === 'csv' ? 'read_csv' : 'read_parquet';
    const result = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n, count(DISTINCT endpoint_id || '/' || service_request_id)::INTEGER AS d FROM ${reader}('${file}')`);
    const [n, distinct] = result.getRows()[0] as [number, number];
    connection.closeSync();
    db.closeSync();
    if (n !== distinct) throw new Error(`${format}: ${n - distinct} rows repeated`);
    return n;
  }
  // GeoJSON is written one feature per line between its header and footer, so it parses line by line: a
  // 1M-feature document is larger than the longest string V8 can hold for one JSON.parse.
  let rows = 0;
  let first = '';
  let last = '';
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!first && format === 'geojson') first = line;
    else if (format === 'geojson' && line === ']}') last = line;
    else if (line) {
      JSON.parse(format === 'geojson' ? line.replace(/,$/, '') : line);
      rows += 1;
    }
  }
  // The header line carries the export's provenance (a foreign member) before the features.
  const header = /^\{"type":"FeatureCollection","fed311":(\{.*\}),"features":\[$/.exec(first);
  if (format === 'geojson' && (!header || typeof (JSON.parse(header[1]!) as { query?: unknown }).query !== 'string' || last !== ']}')) throw new Error('geojson: not one FeatureCollection');
  return rows;
}

console.log(`export memory: ${requests.toLocaleString()} requests, DuckDB memory_limit ${memoryLimit} (store ${generated.built ? 'built' : 'cached'}: ${generated.path})`);
console.log('format    rows        MB on wire  seconds  server peak RSS  idle RSS  read back');
let failed = false;
for (const format of formats) {
  const api = await startApiProcess({ path: dbPath, now: generated.asOf, memoryLimit });
  const idle = api.memory().nowMb;
  const file = join(dir, `export.${format}`);
  const started = performance.now();
  const response = await fetch(`${api.url}/api/v1/requests?format=${format}`);
  if (!response.ok || !response.body) throw new Error(`${format}: HTTP ${response.status}`);
  await pipeline(Readable.fromWeb(response.body as never), createWriteStream(file));
  const seconds = (performance.now() - started) / 1000;
  const { peakMb } = api.memory();
  await api.stop();
  const rows = await readBack(format, file);
  const complete = rows === requests;
  failed ||= !complete || peakMb >= 300;
  console.log(
    `${format.padEnd(9)} ${String(rows).padEnd(11)} ${(statSync(file).size / 1e6).toFixed(0).padStart(10)}  ${seconds.toFixed(1).padStart(7)}  ${`${peakMb} MB`.padStart(15)}  ${`${idle} MB`.padStart(8)}  ${complete ? 'every row' : `MISSING ${requests - rows}`}`,
  );
  rmSync(file, { force: true });
}
rmSync(dir, { recursive: true, force: true });
console.log(failed ? 'FAILED: a row is missing or the peak reached 300 MB' : 'ok: every export complete, server peak under 300 MB');
process.exitCode = failed ? 1 : 0;
