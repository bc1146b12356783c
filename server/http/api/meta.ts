import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { openApiResponse } from '../response-schemas.ts';
import { defineRoute, type RouteSpec } from '../route.ts';
import { openApiDocument } from './openapi.ts';

const docsPage = readFileSync(new URL('./docs-page.html', import.meta.url), 'utf8');
const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** openapi.json (over `routes` and these two) and the interactive docs page. */
export function metaRoutes(routes: readonly RouteSpec[]): RouteSpec[] {
  const meta: RouteSpec[] = [
    defineRoute({
      method: 'get',
      path: '/api/v1/openapi.json',
      tag: 'meta',
      summary: 'This API as OpenAPI 3.1',
      query: z.strictObject({}),
      response: openApiResponse,
      async handle(ctx) {
        ctx.body = document;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/docs',
      tag: 'meta',
      summary: 'Interactive documentation page',
      query: z.strictObject({}),
      async handle(ctx) {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = docsPage;
      },
    }),
  ];
  const document = openApiDocument({ routes: [...routes, ...meta], version });
  return meta;
}
