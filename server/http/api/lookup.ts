import { z } from 'zod';
import { readRows } from '../../../pipelines/load/store.ts';
import { numberText } from '../param-types.ts';
import { lookupResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';

export function lookupRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/lookup',
      tag: 'endpoints',
      summary: 'Which endpoints serve a point: those whose coverage box (registry or learned) contains it',
      query: z.strictObject({ lat: numberText(-90, 90), lon: numberText(-180, 180) }),
      response: lookupResponse,
      async handle(ctx, { lat, lon }) {
        const sql = `
          SELECT endpoint_id, name, bbox, bbox_source FROM (
            SELECT e.endpoint_id, e.name, coalesce(e.bbox, s.learned_bbox) AS bbox,
                   CASE WHEN e.bbox IS NOT NULL THEN 'registry' ELSE 'learned' END AS bbox_source
            FROM endpoints e LEFT JOIN harvest_state s USING (endpoint_id))
          WHERE bbox IS NOT NULL AND ? BETWEEN bbox[1] AND bbox[3] AND ? BETWEEN bbox[2] AND bbox[4]
          ORDER BY (bbox[3] - bbox[1]) * (bbox[4] - bbox[2]), endpoint_id`;
        ctx.body = { rows: await app.pool.use((c) => readRows(c, sql, [lon, lat])) };
      },
    }),
  ];
}
