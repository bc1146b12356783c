// Load on the hot API routes: autocannon on loopback, 50 connections, against the API in a child process over a
// generated store; each route's p50/p99 latency and requests/s, and its ratio to the same query run directly on
// DuckDB in this process (4 connections, as the API's read pool), measured in the same run. Targets: p99 < 250 ms
// for the page and the metric route.
//   npm run bench:api -- [--requests 1000000] [--seconds 10] [--connections 50] [--routes page,open311,metric,hexagons]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';
import autocannon from 'autocannon';
import { openStore, readRows } from '../pipelines/load/store.ts';
import { computeMetric } from '../pipelines/metrics/index.ts';
import { requestConditions } from '../server/http/queries/request-filter.ts';
import { requestOrder } from '../server/http/queries/keyset.ts';
import { selectJsonPage, selectPage } from '../server/http/queries/request-page.ts';
import { requestJson } from '../server/http/queries/request-rows.ts';
import { open311Order } from '../server/http/open311/requests.ts';
import { specRequestSelect } from '../server/http/open311/request-view.ts';
import { hexagonSql } from '../server/http/api/map.ts';
import { startApiProcess } from './support/api-process.ts';
import { generateStore } from './support/generate-store.ts';

const { values } = parseArgs({ options: { requests: { type: 'string' }, seconds: { type: 'string' }, connections: { type: 'string' }, routes: { type: 'string' } } });
const requests = Number(values.requests ?? 1_000_000);
const seconds = Number(values.seconds ?? 10);
const connections = Number(values.connections ?? 50);
const generated = await generateStore({ requests });
const dir = mkdtempSync(join(tmpdir(), 'fed311-bench-api-'));
// A copy: the cached store may be open in another benchmark, and DuckDB lets one process hold a file.
const dbPath = join(dir, 'store.duckdb');
copyFileSync(generated.path, dbPath);
const asOf = generated.asOf;
const district = [-87.7, 41.85, -87.6, 41.95] as const; // a part of Chicago, as the map shows it at district zoom

interface HotRoute {
  /** Short name for --routes. */
  id: string;
  name: string;
  path: string;
  /** The n-th of a stream of distinct URLs with the same cost (a filter moved by a second), which no cache can answer. */
  distinct: (n: number) => string;
  direct: (connection: DuckDBConnection) => Promise<unknown>;
  /** Whether the issue's p99 target (250 ms at 50 connections) applies: the page and metric routes. */
  target: boolean;
}

const secondsAfter = (base: Date, n: number) => new Date(base.getTime() + n * 1000).toISOString();
const later = new Date('2100-01-01T00:00:00Z'); // an updated_before that keeps every row

const pageWhere = requestConditions({ categories: ['pothole'] });
// GeoReport's requests.json as an Open311 client asks for it: one jurisdiction, a 90-day window, 100 per page.
const windowStart = new Date(asOf.getTime() - 90 * 86_400_000);
const open311Path = `/open311/v2/requests.json?jurisdiction_id=chicago&page_size=100&start_date=${windowStart.toISOString()}`;
const open311Where = requestConditions({ endpoints: ['chicago'], requestedFrom: windowStart, requestedThrough: asOf });
const allRoutes: HotRoute[] = [
  {
    id: 'page',
    name: 'requests page (100, category=pothole)',
    path: '/api/v1/requests?limit=100&category=pothole',
    distinct: (n) => `/api/v1/requests?limit=100&category=pothole&updated_before=${secondsAfter(later, n)}`,
    direct: (c) => selectJsonPage({ connection: c, json: requestJson, where: pageWhere, order: requestOrder, limit: 100 }),
    target: true,
  },
  {
    id: 'open311',
    name: 'open311 requests.json (chicago, 90 d)',
    path: `${open311Path}&end_date=${asOf.toISOString()}`,
    distinct: (n) => `${open311Path}&end_date=${secondsAfter(asOf, n)}`,
    // The route's two queries: the total (X-Total-Count) and the page.
    direct: async (c) => {
      await readRows(c, `SELECT count(*) AS total FROM service_requests ${open311Where.where()}`, open311Where.params);
      return selectPage({ connection: c, select: specRequestSelect, where: open311Where, order: open311Order, limit: 100 });
    },
    target: true,
  },
  {
    id: 'metric',
    name: 'metric ttc_km by endpoint',
    path: '/api/v1/metrics/ttc_km?group_by=endpoint',
    distinct: (n) => `/api/v1/metrics/ttc_km?group_by=endpoint&as_of=${secondsAfter(asOf, -n)}`,
    direct: (c) => computeMetric(c, { metric: 'ttc_km', groupBy: ['endpoint'] }, { now: () => asOf }),
    target: true,
  },
  {
    id: 'hexagons',
    name: 'map hexagons (res 9, district bbox)',
    path: `/api/v1/map/hexagons?resolution=9&bbox=${district.join(',')}`,
    distinct: (n) => `/api/v1/map/hexagons?resolution=9&bbox=${district.map((v, i) => (i === 0 ? v - n * 1e-7 : v)).join(',')}`,
    // The route's query: the filtered requests' stored res-9 cells grouped by their parent, with the median days open.
    direct: (c) => readRows(c, ...hexagonSql({ filter: { bbox: [...district] }, resolution: 9, now: asOf.toISOString() })),
    target: false,
  },
];
const wanted = values.routes?.split(',');
const unknown = wanted?.filter((id) => !allRoutes.some((route) => route.id === id)) ?? [];
if (unknown.length) throw new Error(`--routes: unknown ${unknown.join(', ')} (known: ${allRoutes.map((route) => route.id).join(', ')})`);
const routes = wanted ? allRoutes.filter((route) => wanted.includes(route.id)) : allRoutes;

/** The direct query on 4 connections for the same duration: latency percentiles and queries/s. */
async function measureDirect(route: HotRoute): Promise<{ p50: number; p99: number; perSecond: number }> {
  const store = await openStore({ path: dbPath, memoryLimit: '192MB' });
  const readers = await Promise.all(Array.from({ length: 4 }, () => store.connect()));
  const pool = readers.map((r) => r.connection);
  for (const c of pool) await route.direct(c); // warm the buffer pool as the API's first calls do
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    pool.map(async (c) => {
      while (performance.now() < until) {
        const started = performance.now();
        await route.direct(c);
        latencies.push(performance.now() - started);
      }
    }),
  );
  for (const r of readers) r.close();
  await store.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { p50: at(0.5), p99: at(0.99), perSecond: latencies.length / seconds };
}

const direct: { p50: number; p99: number; perSecond: number }[] = [];
for (const route of routes) direct.push(await measureDirect(route));

const api = await startApiProcess({ path: dbPath, now: asOf });
type Loaded = { p50: number; p99: number; perSecond: number; errors: number };
const summary = (result: autocannon.Result): Loaded => ({ p50: result.latency.p50, p99: result.latency.p99, perSecond: result.requests.average, errors: result.errors + result.non2xx + result.timeouts });
const loaded: Loaded[] = [];
const uncached: Loaded[] = [];
for (const route of routes) {
  await fetch(`${api.url}${route.path}`); // one warm-up call
  // The same URL again and again: what many readers of one view (an embed, a shared link) cost, answered by the
  // response cache while the store does not change.
  loaded.push(summary(await autocannon({ url: `${api.url}${route.path}`, connections, duration: seconds })));
  // Every request a different URL: each one runs its query.
  let n = 0;
  uncached.push(summary(await autocannon({ url: api.url, connections, duration: seconds, requests: [{ setupRequest: (request) => ({ ...request, path: route.distinct(++n) }) }] })));
}
const memory = api.memory();
await api.stop();
rmSync(dir, { recursive: true, force: true });

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(`\nbench:api — ${requests.toLocaleString()} requests stored, ${connections} connections, ${seconds} s per route, 2 cores shared by load generator and server`);
console.log('route                                   URLs      API p50    API p99    API req/s   DuckDB p50  DuckDB q/s  req/s ratio  p99 target');
let missed = false;
routes.forEach((route, i) => {
  const d = direct[i]!;
  for (const [urls, a] of [['repeated', loaded[i]!], ['distinct', uncached[i]!]] as const) {
    const target = route.target ? (a.p99 < 250 ? 'ok (<250 ms)' : 'MISSED') : 'n/a';
    if (target === 'MISSED' || a.errors > 0) missed = true;
    console.log(
      `${route.name.padEnd(38)}  ${urls.padEnd(8)}  ${ms(a.p50).padStart(9)}  ${ms(a.p99).padStart(9)}  ${a.perSecond.toFixed(0).padStart(10)}  ${ms(d.p50).padStart(10)}  ${d.perSecond.toFixed(0).padStart(10)}  ${(a.perSecond / d.perSecond).toFixed(2).padStart(11)}  ${target}${a.errors ? ` (${a.errors} errors)` : ''}`,
    );
  }
});
console.log(`server process memory: peak ${memory.peakMb} MB, now ${memory.nowMb} MB`);
console.log('req/s ratio = API requests/s at 50 connections ÷ the same query on DuckDB in-process on 4 connections (1.00 = no API overhead).');
console.log('repeated = one URL (the response cache answers while the store does not change); distinct = a new URL each time (every request runs its query).');
process.exitCode = missed ? 1 : 0;
