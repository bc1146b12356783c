import cors from '@koa/cors';
import Router from '@koa/router';
import Koa from 'koa';
import compress from 'koa-compress';
import type { Deps } from '../../pipelines/deps.ts';
import type { HarvestScheduler } from '../../pipelines/harvest/scheduler.ts';
import type { Store } from '../../pipelines/load/store.ts';
import { adminRoutes } from './api/admin.ts';
import { catalogRoutes } from './api/catalog.ts';
import { dataVersion } from './api/export/provenance.ts';
import { endpointsRoutes } from './api/endpoints.ts';
import { harvestsRoutes } from './api/harvests.ts';
import { polygonsRoutes } from './api/polygons.ts';
import { lookupRoutes } from './api/lookup.ts';
import { mapRoutes } from './api/map.ts';
import { metaRoutes } from './api/meta.ts';
import { metricsRoutes } from './api/metrics.ts';
import { requestDetailRoutes } from './api/request-detail.ts';
import { requestsRoutes } from './api/requests.ts';
import { notFound } from './errors.ts';
import { caching } from './middleware/caching.ts';
import { errorHandler } from './middleware/errors.ts';
import { frameHeaders } from './middleware/frame-headers.ts';
import { requestLog } from './middleware/request-log.ts';
import { responseCache } from './middleware/response-cache.ts';
import { open311CatalogRoutes } from './open311/catalog.ts';
import { mountReadOnlyRefusals } from './open311/read-only.ts';
import { open311RequestRoutes } from './open311/requests.ts';
import { refuseUnknownEndpoints } from './known-endpoints.ts';
import { createReadPool } from './read-pool.ts';
import { mountRoutes, type RouteSpec } from './route.ts';
import type { AdminActions, AppServices } from './services.ts';

export interface CreateAppOptions {
  store: Store;
  deps: Deps;
  scheduler?: HarvestScheduler;
  /** Admin actions; null or absent: the admin routes answer 404 (FED311_ADMIN_TOKEN unset). */
  admin?: AdminActions | null;
  /** The dashboard (server/dashboard.ts), mounted after the API so /api/v1 and /open311 win. */
  dashboard?: Koa.Middleware | null;
  readConnections?: number;
  exportSliceRows?: number;
}

export interface App {
  koa: Koa;
  routes: readonly RouteSpec[];
  /** Closes the read connections (the store stays open: its owner closes it). */
  close(): void;
}

const isApiPath = (path: string) => /^\/(api|open311)(\/|$)/.test(path);

/** The Koa app of CONTRACT §5: GeoReport v2 federated, /api/v1, admin, and the dashboard behind them. */
export function createApp({ store, deps, scheduler, admin = null, dashboard = null, readConnections = 4, exportSliceRows }: CreateAppOptions): App {
  const pool = createReadPool({ store, size: readConnections });
  const services: AppServices = { store, pool, deps, scheduler, admin, exportSliceRows };
  const apiRoutes = [
    ...open311CatalogRoutes(services),
    ...open311RequestRoutes(services),
    ...endpointsRoutes(services),
    ...catalogRoutes(services),
    ...requestsRoutes(services),
    ...requestDetailRoutes(services),
    ...metricsRoutes(services),
    ...mapRoutes(services),
    ...lookupRoutes(services),
    ...harvestsRoutes(services),
    ...polygonsRoutes(services),
    ...adminRoutes(services),
  ];
  const routes = [...apiRoutes, ...metaRoutes(apiRoutes)];

  const router = new Router();
  mountRoutes(router, routes, { check: (query) => refuseUnknownEndpoints(services, query) });
  mountReadOnlyRefusals(router);
  const openCors = cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Link', 'X-Total-Count', 'X-Page', 'X-Page-Size'] });

  const koa = new Koa();
  // Errors after the answer started (a client leaving mid-export) reach here, not the error middleware.
  koa.on('error', (error: Error & { code?: string }, ctx?: Koa.Context) => {
    const level = error.code === 'ERR_STREAM_PREMATURE_CLOSE' ? 'debug' : 'error';
    deps.logger[level]({ err: error, url: ctx?.url }, 'response failed after it started');
  });
  koa.use(requestLog({ logger: deps.logger }));
  koa.use(frameHeaders());
  koa.use(errorHandler({ logger: deps.logger }));
  koa.use(compress());
  koa.use(caching({ version: () => storeVersion(services) }));
  koa.use(async (ctx, next) => {
    await next();
    // Nothing answered (no route, no dashboard page): the error shape rather than Koa's plain "Not Found".
    if (ctx.status === 404 && ctx.body == null && ctx.respond !== false) throw notFound(`no route ${ctx.method} ${ctx.path.slice(0, 200)} (see /api/v1/docs)`);
  });
  koa.use((ctx, next) => (ctx.path.startsWith('/api/v1/admin/') ? next() : openCors(ctx, next)));
  const cache = responseCache({ generation: () => store.generation(), now: deps.now });
  // Public reads only: never admin routes, never a request that carries credentials.
  const cacheable = (ctx: Koa.Context) => (ctx.path.startsWith('/api/v1/') || ctx.path.startsWith('/open311/')) && !ctx.path.startsWith('/api/v1/admin/') && !ctx.get('Authorization');
  koa.use((ctx, next) => (cacheable(ctx) ? cache(ctx, next) : next()));
  koa.use(router.routes());
  koa.use(router.allowedMethods({ throw: true }));
  // The API's own paths never reach the dashboard: an unknown one or a wrong method answers in the API's error
  // shape (GeoReport's list under /open311), not with the dashboard's HTML 404 page.
  if (dashboard) koa.use((ctx, next) => (isApiPath(ctx.path) ? next() : dashboard(ctx, next)));
  return { koa, routes, close: () => pool.close() };
}

/** The store's last write, for weak ETags on streamed bodies; null while a harvest is writing. */
async function storeVersion(services: AppServices): Promise<string | null> {
  const version = await dataVersion(services);
  return version.harvest_running ? null : `${version.last_run_id}:${version.data_as_of}`;
}
