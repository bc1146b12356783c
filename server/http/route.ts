import type Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { parseQuery } from './params.ts';

/**
 * One route: its path (OpenAPI form, `{name}` for path parameters), its query schema and a thin handler. The same
 * list mounts the router and generates openapi.json, so the document cannot drift from what is validated.
 */
export interface RouteSpec<S extends z.ZodObject = z.ZodObject> {
  method: 'get' | 'post';
  path: string;
  summary: string;
  tag: string;
  query: S;
  /** Path parameters, for the OpenAPI document. */
  pathParams?: Record<string, string>;
  /**
   * The successful JSON body (routes whose answer is JSON; GeoReport routes: the `.json` form). Documented in
   * openapi.json and checked against served answers (test/api/openapi.test.ts), so the two cannot drift.
   */
  response?: z.ZodType;
  /** Other bodies, by the `format` parameter value that asks for them (streamed exports): media type and schema. */
  formats?: Record<string, { mediaType: string; schema: z.ZodType }>;
  /** A request body the route reads itself (readJsonBody), for the OpenAPI document. */
  body?: { mediaType: string; description: string };
  /** Runs before the parameters are read (authorization: who may call comes before what they asked for). */
  guard?: (ctx: Context) => void;
  handle: (ctx: Context, query: z.output<S>) => Promise<void>;
}

export function defineRoute<S extends z.ZodObject>(spec: RouteSpec<S>): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** `/requests/{endpoint_id}/{id}` → `/requests/:endpoint_id/:id` (@koa/router's syntax). */
export function routerPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** `check` runs on every route's parsed parameters (checks against the store, such as known endpoint ids). */
export function mountRoutes(router: Router, routes: readonly RouteSpec[], { check }: { check?: (query: Record<string, unknown>) => Promise<void> } = {}): void {
  for (const route of routes) {
    router[route.method](routerPath(route.path), async (ctx) => {
      route.guard?.(ctx as unknown as Context);
      const query = parseQuery(route.query, ctx.query);
      await check?.(query);
      await route.handle(ctx as unknown as Context, query);
    });
  }
}
