import { z } from 'zod';
import { readRows } from '../../../pipelines/load/store.ts';
import { notFound } from '../errors.ts';
import { booleanText } from '../param-types.ts';
import { isoSql, parseJsonColumns, requestSelectList } from '../queries/request-rows.ts';
import { requestDetailResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';

export function requestDetailRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/requests/{endpoint_id}/{service_request_id}',
      tag: 'requests',
      summary: 'One request with its status history; raw=true adds the record as received',
      pathParams: { endpoint_id: 'endpoint id', service_request_id: 'the id as the source sent it' },
      query: z.strictObject({ raw: booleanText.optional() }),
      response: requestDetailResponse,
      async handle(ctx, params) {
        const key = [ctx.params.endpoint_id, ctx.params.service_request_id];
        const rawColumn = params.raw ? ', raw::VARCHAR AS raw' : '';
        const [rows, history] = await app.pool.use(async (c) => [
          await readRows<Record<string, unknown>>(c, `SELECT ${requestSelectList}${rawColumn} FROM service_requests WHERE endpoint_id = ? AND service_request_id = ?`, key),
          await readRows(
            c,
            `SELECT ${isoSql('observed_at')} AS observed_at, status, status_raw, detailed_status, ${isoSql('updated_at')} AS updated_at, source, note_type
             FROM request_events WHERE endpoint_id = ? AND service_request_id = ? ORDER BY request_events.observed_at, source`,
            key,
          ),
        ]);
        const row = rows[0];
        if (!row) throw notFound(`no request "${key[1]}" from endpoint "${key[0]}"`);
        if (typeof row.raw === 'string') row.raw = JSON.parse(row.raw);
        ctx.body = { request: parseJsonColumns(row), history };
      },
    }),
  ];
}
