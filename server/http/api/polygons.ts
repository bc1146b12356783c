import { z } from 'zod';
import { readRows } from '../../../pipelines/load/store.ts';
import { polygonSetsResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';

/** The loaded polygon sets, whose ids the metrics take as `polygons=` with `group_by=polygon`. */
export function polygonsRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/polygons',
      tag: 'metrics',
      summary: 'The loaded polygon sets (areas for group_by=polygon): id, name, how many polygons, when loaded',
      query: z.strictObject({}),
      response: polygonSetsResponse,
      async handle(ctx) {
        const rows = await app.pool.use((c) =>
          readRows(c, `SELECT set_id, name, polygons, strftime(loaded_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS loaded_at FROM metric_polygon_sets ORDER BY set_id`),
        );
        ctx.body = { rows };
      },
    }),
  ];
}
