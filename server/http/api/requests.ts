import { Readable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import { badParameter } from '../errors.ts';
import { intText } from '../param-types.ts';
import { afterKey, decodeCursor, encodeCursor, requestOrder } from '../queries/keyset.ts';
import { selectJsonPage } from '../queries/request-page.ts';
import { requestConditions } from '../queries/request-filter.ts';
import { requestColumns, requestJson, requestSelectList } from '../queries/request-rows.ts';
import { requestFeatureCollection, requestPageResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';
import { csvExport, geojsonExport, ndjsonExport, type TextExport } from './export/formats.ts';
import { orderedSlices } from './export/ordered-slices.ts';
import { parquetExport } from './export/parquet.ts';
import { dataVersion, provenance, provenanceHeaders } from './export/provenance.ts';
import { streamRows } from './export/row-stream.ts';
import { requestFilterShape, toRequestFilter } from './request-params.ts';

const textExports: Record<string, TextExport> = { csv: csvExport, ndjson: ndjsonExport, geojson: geojsonExport };
const parquetMediaType = 'application/vnd.apache.parquet';
const mediaType = (exporter: TextExport) => exporter.contentType.split(';')[0]!;

const query = z.strictObject({
  ...requestFilterShape,
  limit: intText(1, 1_000_000_000).optional().describe('rows per page (json: 1-1000, default 100); exports: all rows unless given'),
  cursor: z.string().max(500, 'at most 500 characters').optional().describe('the `next` of the previous page'),
  format: z.enum(['json', 'csv', 'geojson', 'ndjson', 'parquet'], { error: 'must be one of json, csv, geojson, ndjson, parquet' }).optional(),
});

export function requestsRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/requests',
      tag: 'requests',
      summary: 'Canonical requests: filters, keyset pages (json) or a streamed export (csv, geojson, ndjson, parquet)',
      query,
      response: requestPageResponse,
      formats: {
        csv: { mediaType: mediaType(csvExport), schema: z.string().describe('RFC 4180 quoting with LF line ends and a header row: the row fields as columns, lists and JSON as JSON text') },
        geojson: { mediaType: mediaType(geojsonExport), schema: requestFeatureCollection },
        ndjson: { mediaType: mediaType(ndjsonExport), schema: z.string().describe('one request row (as in the JSON page) per line') },
        parquet: { mediaType: parquetMediaType, schema: z.unknown().describe('an Apache Parquet file of the request rows (binary)') },
      },
      async handle(ctx, params) {
        const where = requestConditions(toRequestFilter(params));
        if (params.cursor) afterKey(where, decodeCursor(params.cursor));
        const format = params.format ?? 'json';
        if (format === 'json') {
          if (params.limit !== undefined && params.limit > 1000) throw badParameter('limit', 'must be at most 1000 with format=json (exports take any limit)');
          const limit = params.limit ?? 100;
          const { rows, last, more } = await app.pool.use((connection) =>
            selectJsonPage({ connection, json: requestJson, where, order: requestOrder, limit }),
          );
          const next = more && last ? encodeCursor({ t: last.t, e: last.endpoint_id, i: last.service_request_id }) : null;
          // The rows arrive as JSON bytes (selectJsonPage): the body is put together, not stringified.
          ctx.type = 'application/json';
          ctx.body = Buffer.concat([Buffer.from('{"rows":'), rows, Buffer.from(`,"next":${JSON.stringify(next)}}`)]);
          return;
        }
        ctx.set('Content-Disposition', `attachment; filename="fed311-requests.${format}"`);
        const source = provenance({ version: await dataVersion(app), query: ctx.originalUrl, now: app.deps.now() });
        ctx.set(provenanceHeaders(source));
        const slices = (select: string) => (connection: DuckDBConnection) =>
          orderedSlices({ connection, select, where, limit: params.limit, rowsPerSlice: app.exportSliceRows });
        if (format === 'parquet') {
          ctx.type = parquetMediaType;
          ctx.body = await parquetExport({ store: app.store, plan: slices(requestColumns.join(', ')), metadata: { fed311: JSON.stringify(source) } });
          return;
        }
        const exporter = textExports[format]!;
        ctx.type = exporter.contentType;
        // One chunk ahead at most (the default would buffer 16 chunks of ~2048 rows each).
        ctx.body = Readable.from(exporter.write(streamRows({ store: app.store, plan: slices(requestSelectList), limit: params.limit }), source), { highWaterMark: 1 });
      },
    }),
  ];
}
