import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { z } from 'zod';
import { ApiError, badParameter } from '../errors.ts';
import { someIds } from '../known-endpoints.ts';
import { loadPolygonSet, MetricRequestError } from '../../../pipelines/metrics/index.ts';
import { readJsonBody } from '../body.ts';
import { slug, text } from '../param-types.ts';
import { harvestStartedResponse, polygonSet, registryReloadedResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AdminActions, AppServices } from '../services.ts';

const polygonBodyBytes = 50_000_000;

/** Admin actions behind `Authorization: Bearer $FED311_ADMIN_TOKEN`; without a configured token they do not exist. */
export function adminRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/admin/harvest',
      tag: 'admin',
      summary: 'Start a harvest of one endpoint now (202)',
      query: z.strictObject({ endpoint: slug }),
      response: harvestStartedResponse,
      guard: (ctx) => authorize(ctx, app.admin),
      async handle(ctx, params) {
        const admin = app.admin!;
        // The store keeps endpoints dropped from the registry (their data stays readable); only scheduled ones harvest.
        const scheduled = Object.keys(app.scheduler?.nextRuns() ?? {}).sort();
        if (!scheduled.includes(params.endpoint)) throw badParameter('endpoint', `endpoint "${params.endpoint}" is not in the registry, so it is not harvested (scheduled: ${someIds(scheduled)})`);
        admin.trigger(params.endpoint);
        ctx.status = 202;
        ctx.body = { started: params.endpoint };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/admin/polygons',
      tag: 'admin',
      summary: 'Load a polygon set (a GeoJSON FeatureCollection of polygons in the body), replacing one with the same id',
      query: z.strictObject({
        set_id: slug.describe('the id metrics will take as polygons='),
        name: text().optional().describe('a display name (default: the id)'),
        id_property: text().optional().describe('feature property holding each polygon id when the feature has no id (default id)'),
        name_property: text().optional().describe('feature property holding each polygon name (default name)'),
      }),
      body: { mediaType: 'application/geo+json', description: `a GeoJSON FeatureCollection of Polygon/MultiPolygon features (at most ${polygonBodyBytes / 1_000_000} MB)` },
      response: polygonSet,
      guard: (ctx) => authorize(ctx, app.admin),
      async handle(ctx, params) {
        const geojson = await readJsonBody(ctx, polygonBodyBytes);
        try {
          ctx.body = await loadPolygonSet({
            store: app.store, setId: params.set_id, name: params.name, geojson, idProperty: params.id_property, nameProperty: params.name_property, now: app.deps.now(),
          });
        } catch (error) {
          // A bad file is the caller's input (the stored set, if any, is kept): say what is wrong with it.
          if (error instanceof MetricRequestError) throw badParameter(error.parameter === 'geojson' ? 'body' : error.parameter, error.message);
          throw error;
        }
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/admin/reload-registry',
      tag: 'admin',
      summary: 'Re-read the registry file, sync endpoints and restart the schedule',
      query: z.strictObject({}),
      response: registryReloadedResponse,
      guard: (ctx) => authorize(ctx, app.admin),
      async handle(ctx) {
        const admin = app.admin!;
        try {
          ctx.body = { endpoints: await admin.reloadRegistry() };
        } catch (error) {
          // A bad registry file is the operator's input: say what is wrong; the running registry stays.
          throw new ApiError({ status: 400, code: 'bad_parameter', message: `registry: ${(error as Error).message}`, parameter: null });
        }
      },
    }),
  ];
}

/** Throws unless admin routes are on and the request carries the token (before its parameters are looked at). */
function authorize(ctx: Context, admin: AdminActions | null): void {
  ctx.set('Cache-Control', 'no-store');
  if (!admin) throw new ApiError({ status: 404, code: 'admin_disabled', message: 'admin routes are off (set FED311_ADMIN_TOKEN to enable them)' });
  const given = Buffer.from(/^Bearer (.+)$/.exec(ctx.get('Authorization'))?.[1] ?? '');
  const expected = Buffer.from(admin.token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    ctx.set('WWW-Authenticate', 'Bearer');
    throw new ApiError({ status: 401, code: 'unauthorized', message: 'Authorization: a valid Bearer token is required', parameter: null });
  }
}
