import { z } from 'zod';
import { readRows } from '../../../pipelines/load/store.ts';
import { intText, isoDateTime, optionalList, slug } from '../param-types.ts';
import { isoSql } from '../queries/request-rows.ts';
import { Conditions } from '../queries/sql-parts.ts';
import { harvestOutcomes as outcomes, harvestsResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';

export function harvestsRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/harvests',
      tag: 'endpoints',
      summary: 'Harvest runs, newest first, with the schedule',
      query: z.strictObject({
        endpoint: optionalList(slug),
        outcome: optionalList(z.enum(outcomes, { error: `must be one of ${outcomes.join(', ')}` })),
        since: isoDateTime.optional().describe('started_at ≥'),
        limit: intText(1, 1000).optional(),
        cursor: z.string().regex(/^\d{1,18}$/, 'is not a cursor this API handed out').optional(),
      }),
      response: harvestsResponse,
      async handle(ctx, params) {
        const where = new Conditions().in('endpoint_id', params.endpoint).in('outcome', params.outcome);
        if (params.since) where.add('started_at >= ?::TIMESTAMPTZ', params.since.toISOString());
        if (params.cursor) where.add('run_id < ?', Number(params.cursor));
        const limit = params.limit ?? 100;
        const sql = `SELECT * EXCLUDE (started_at, finished_at), ${isoSql('started_at')} AS started_at, ${isoSql('finished_at')} AS finished_at
                     FROM harvest_runs ${where.where()} ORDER BY run_id DESC LIMIT ${limit + 1}`;
        const rows = await app.pool.use((c) => readRows<{ run_id: number }>(c, sql, where.params));
        const page = rows.slice(0, limit);
        ctx.body = {
          rows: page,
          next: rows.length > limit ? String(page.at(-1)!.run_id) : null,
          scheduled: app.scheduler?.nextRuns() ?? {},
          running: app.scheduler?.running() ?? [],
        };
      },
    }),
  ];
}

