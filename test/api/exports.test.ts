import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRows } from '../../pipelines/load/store.ts';
import { serveFederation, type ServedFederation } from './support/served-federation.ts';

let f: ServedFederation;
let expectedIds: string[];

beforeAll(async () => {
  // Slices of 700 rows: every export crosses several sorted slices (production: 50,000).
  f = await serveFederation({ requests: 6000, seed: 12, exportSliceRows: 700 });
  expectedIds = (await f.store.query<{ k: string }>(
    `SELECT endpoint_id || '/' || service_request_id AS k FROM service_requests ORDER BY requested_at DESC, endpoint_id DESC, service_request_id DESC`,
  )).map((r) => r.k);
});
afterAll(() => f?.close());

async function download(query: string): Promise<{ headers: Headers; bytes: Buffer }> {
  const response = await fetch(`${f.url}/api/v1/requests?${query}`);
  expect(response.status).toBe(200);
  return { headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Reads a downloaded file back with a separate in-memory DuckDB (not the store's). */
async function readBack(file: string, reader: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  await connection.run(`LOAD icu; SET TimeZone = 'UTC'`);
  try {
    return await readRows(connection, `SELECT * FROM ${reader}('${file}')`);
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

describe('streamed exports read back with every row', () => {
  test('ndjson: one canonical row per line, in the page order', async () => {
    const { headers, bytes } = await download('format=ndjson');
    expect(headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="fed311-requests.ndjson"');
    const rows = bytes.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((r) => `${r.endpoint_id}/${r.service_request_id}`)).toEqual(expectedIds);
    const page = (await f.get('/api/v1/requests?limit=50')).json as { rows: unknown[] };
    expect(rows.slice(0, 50)).toEqual(page.rows);
  });

  test('geojson: a FeatureCollection JSON.parse reads, points where there are coordinates', async () => {
    const { headers, bytes } = await download('format=geojson');
    expect(headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    const collection = JSON.parse(bytes.toString('utf8')) as { type: string; features: { geometry: { coordinates: number[] } | null; properties: Record<string, unknown> }[] };
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((x) => `${x.properties.endpoint_id}/${x.properties.service_request_id}`)).toEqual(expectedIds);
    const [{ located }] = (await f.store.query<{ located: number }>(`SELECT count(*) AS located FROM service_requests WHERE lat IS NOT NULL`)) as [{ located: number }];
    expect(collection.features.filter((x) => x.geometry !== null).length).toBe(located);
    expect(located).toBeLessThan(expectedIds.length); // some rows have no coordinates: their geometry is null
  });

  test('csv: a header row and every row, as DuckDB reads it back', async () => {
    const { bytes } = await download('format=csv');
    const file = join(f.store.path, '..', 'export.csv');
    writeFileSync(file, bytes);
    const rows = await readBack(file, 'read_csv');
    expect(rows.map((r) => `${r.endpoint_id}/${r.service_request_id}`)).toEqual(expectedIds);
    expect(Object.keys(rows[0]!)).toContain('quality_flags');
  });

  test('parquet: DuckDB reads back every row with typed columns; the temporary file is gone', async () => {
    const { headers, bytes } = await download('format=parquet');
    expect(headers.get('content-type')).toBe('application/vnd.apache.parquet');
    const file = join(f.store.path, '..', 'export.parquet');
    writeFileSync(file, bytes);
    const rows = await readBack(file, 'read_parquet');
    expect(rows.map((r) => `${r.endpoint_id}/${r.service_request_id}`)).toEqual(expectedIds);
    const [stored] = await f.store.query<{ requested_at: string }>(`SELECT requested_at FROM service_requests ORDER BY requested_at DESC, endpoint_id DESC, service_request_id DESC LIMIT 1`);
    expect(rows[0]!.requested_at).toBe(stored!.requested_at);
  });

  test('every export says where it came from: headers always, and inside the file in GeoJSON and Parquet', async () => {
    const [last] = await f.store.query<{ run_id: number; finished_at: string }>(`SELECT run_id, finished_at FROM harvest_runs ORDER BY run_id DESC LIMIT 1`);
    const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const expected = (format: string) => ({
      query: `/api/v1/requests?format=${format}`, last_run_id: last!.run_id, data_as_of: last!.finished_at, harvest_running: false,
      exported_at: f.deps.now().toISOString(), fed311_version: version,
    });
    for (const format of ['csv', 'ndjson', 'geojson', 'parquet']) {
      const { headers } = await download(`format=${format}`);
      expect({ format, asOf: headers.get('x-fed311-data-as-of'), modified: headers.get('last-modified'), exported: headers.get('x-fed311-exported-at') })
        .toEqual({ format, asOf: last!.finished_at, modified: new Date(last!.finished_at).toUTCString(), exported: f.deps.now().toISOString() });
    }
    const collection = JSON.parse((await download('format=geojson')).bytes.toString('utf8')) as { fed311: unknown };
    expect(collection.fed311).toEqual(expected('geojson'));
    // The Parquet export is merged from several slices here: the metadata is on the final file.
    const file = join(f.store.path, '..', 'provenance.parquet');
    writeFileSync(file, (await download('format=parquet')).bytes);
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      const metadata = await readRows<{ key: string; value: string }>(connection, `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${file}')`);
      expect(metadata.map((m) => [m.key, JSON.parse(m.value) as unknown])).toContainEqual(['fed311', expected('parquet')]);
    } finally {
      connection.closeSync();
      db.closeSync();
    }
  });

  test('filters, limit and a cursor apply to exports as to pages', async () => {
    const firstPage = (await f.get('/api/v1/requests?status=open&limit=100')).json as { next: string };
    const rest = (await download(`format=ndjson&status=open&cursor=${firstPage.next}`)).bytes.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { status: string });
    const [{ open }] = (await f.store.query<{ open: number }>(`SELECT count(*) AS open FROM service_requests WHERE status = 'open'`)) as [{ open: number }];
    expect(rest.length).toBe(open - 100);
    expect(rest.every((r) => r.status === 'open')).toBe(true);
    const limited = (await download('format=csv&limit=7')).bytes.toString('utf8').trim().split('\n');
    expect(limited).toHaveLength(8);
  });
});
