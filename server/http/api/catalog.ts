import { z } from 'zod';
import { readRows } from '../../../pipelines/load/store.ts';
import { categorySlugs, taxonomy } from '../../../pipelines/normalize/taxonomy.ts';
import { optionalList, slug } from '../param-types.ts';
import { Conditions } from '../queries/sql-parts.ts';
import { categoriesResponse, servicesResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';

const categoryList = optionalList(z.enum(categorySlugs, { error: 'is not a category slug (see /api/v1/categories)' }));

/** The services of every endpoint and the taxonomy categories, with request counts. */
export function catalogRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/services',
      tag: 'catalog',
      summary: 'Services (request types) per endpoint, with their category and request count',
      query: z.strictObject({ endpoint: optionalList(slug), category: categoryList }),
      response: servicesResponse,
      async handle(ctx, params) {
        const where = new Conditions().in('s.endpoint_id', params.endpoint).in('s.category', params.category);
        const sql = `
          WITH counts AS (SELECT endpoint_id, service_code, count(*) AS requests FROM service_requests GROUP BY ALL)
          SELECT s.endpoint_id, s.service_code, s.service_name, s.description, s.category, s."group", s.keywords, s.metadata, s.type,
                 coalesce(c.requests, 0) AS requests
          FROM services s LEFT JOIN counts c USING (endpoint_id, service_code) ${where.where()}
          ORDER BY s.endpoint_id, s.service_code`;
        ctx.body = { rows: await app.pool.use((c) => readRows(c, sql, where.params)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/categories',
      tag: 'catalog',
      summary: 'Every taxonomy category in taxonomy order, with request and open counts',
      query: z.strictObject({ endpoint: optionalList(slug) }),
      response: categoriesResponse,
      async handle(ctx, params) {
        const where = new Conditions().in('endpoint_id', params.endpoint);
        const sql = `SELECT category, count(*) AS requests, count(*) FILTER (status = 'open') AS open FROM service_requests ${where.where()} GROUP BY category`;
        const counts = new Map((await app.pool.use((c) => readRows<{ category: string; requests: number; open: number }>(c, sql, where.params))).map((r) => [r.category, r]));
        ctx.body = {
          rows: taxonomy.categories.map(({ slug: category, label, description }) => ({
            category, label, description, requests: counts.get(category)?.requests ?? 0, open: counts.get(category)?.open ?? 0,
          })),
        };
      },
    }),
  ];
}
