import { stringify } from 'csv-stringify/sync';
import { requestColumns, parseJsonColumns } from '../../queries/request-rows.ts';
import type { Provenance } from './provenance.ts';

type Rows = AsyncIterable<Record<string, unknown>[]>;

/** Text exports, written chunk by chunk as DuckDB hands rows over; formats with room for it carry the provenance. */
export interface TextExport {
  contentType: string;
  extension: string;
  write(rows: Rows, provenance: Provenance): AsyncGenerator<string>;
}

const csvColumns = [...requestColumns];

export const csvExport: TextExport = {
  contentType: 'text/csv; charset=utf-8',
  extension: 'csv',
  async *write(rows) {
    yield stringify([], { header: true, columns: csvColumns });
    for await (const chunk of rows) {
      // Lists as JSON text; `extended` is JSON text already; booleans as true/false.
      const records = chunk.map((row) => csvColumns.map((c) => cell(row[c])));
      yield stringify(records);
    }
  },
};

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value);
}

export const ndjsonExport: TextExport = {
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'ndjson',
  async *write(rows) {
    for await (const chunk of rows) yield chunk.map((row) => `${JSON.stringify(parseJsonColumns(row))}\n`).join('');
  },
};

export const geojsonExport: TextExport = {
  contentType: 'application/geo+json; charset=utf-8',
  extension: 'geojson',
  async *write(rows, provenance) {
    // A foreign member (RFC 7946 §6.1) before the features: readers that do not know it skip it.
    yield `{"type":"FeatureCollection","fed311":${JSON.stringify(provenance)},"features":[`;
    let first = true;
    for await (const chunk of rows) {
      const features = chunk.map((row) => JSON.stringify(toFeature(parseJsonColumns(row))));
      if (features.length === 0) continue;
      yield `${first ? '' : ','}\n${features.join(',\n')}`;
      first = false;
    }
    yield '\n]}\n';
  },
};

function toFeature(row: Record<string, unknown>) {
  const { lat, lon, ...properties } = row;
  const geometry = typeof lat === 'number' && typeof lon === 'number' ? { type: 'Point', coordinates: [lon, lat] } : null;
  return { type: 'Feature', geometry, properties };
}
