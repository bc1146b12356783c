// The dashboard's speed: time to first render (first contentful paint) and to map idle (MapLibre has drawn the
// first data) for the Explore page over a generated store of --requests (default 1,000,000), against the same page
// over a 1,000-request store measured in the same run (the ratio is what the data costs); and the JavaScript each
// page ships, gzip'd, MapLibre aside. Target: map idle under 2 s at 1 M.
//   npm run bench:web -- [--requests 1000000] [--runs 3]
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { defaultDeps } from '../pipelines/deps.ts';
import { openStore } from '../pipelines/load/store.ts';
import { loadDashboard } from '../server/dashboard.ts';
import { createApp } from '../server/http/create-app.ts';
import { launchBrowser } from '../test/web/support/browser.ts';
import { ensureWebBuild } from '../test/web/support/web-build.ts';
import { generateStore } from './support/generate-store.ts';

const { values } = parseArgs({ options: { requests: { type: 'string' }, runs: { type: 'string' } } });
const requests = Number(values.requests ?? 1_000_000);
const runs = Number(values.runs ?? 3);
const clientDir = new URL('../web/build/client', import.meta.url).pathname;

await ensureWebBuild();
const browser = await launchBrowser();
const big = await serve(requests);
const small = await serve(1000);
try {
  const baseline = await timeExplore(small.url);
  const measured = await timeExplore(big.url);
  const row = (label: string, t: Timing) =>
    `${label.padEnd(22)} first render ${ms(t.firstRender)}   map idle ${ms(t.mapIdle)}   (first load, before the server had cached any answer: map idle ${ms(t.firstMapIdle)}; ${t.mode}, ${t.inView} requests in view)`;
  console.log(`Explore page, median of ${runs} cold loads (fresh browser context each; the server's response cache answers repeated calls), server and Chromium on this machine:`);
  console.log(row(`${requests.toLocaleString('en-US')} requests`, measured));
  console.log(row('1,000 requests', baseline));
  console.log(`ratio ${requests.toLocaleString('en-US')} / 1,000: first render ${(measured.firstRender / baseline.firstRender).toFixed(2)}, map idle ${(measured.mapIdle / baseline.mapIdle).toFixed(2)}; target map idle < 2000 ms: ${measured.mapIdle < 2000 ? 'met' : 'NOT met'}`);
  console.log('\nJavaScript shipped per page (gzip, every script the page loads; MapLibre GL and its worker aside):');
  const endpoint = big.endpoint;
  for (const path of ['/', `/endpoints/${endpoint}`, '/compare', '/health', '/methodology', `/embed/flow?endpoint=${endpoint}`]) {
    const js = await scriptsOf(`${big.url}${path}`);
    console.log(`  ${path.padEnd(34)} ${kb(js.app)} app${js.maplibre ? `   + ${kb(js.maplibre)} MapLibre` : ''}`);
  }
} finally {
  await browser.close();
  await big.close();
  await small.close();
}

/** One page load. */
interface LoadTiming { firstRender: number; mapIdle: number; mode: string; inView: string }
/** Medians over the loads, and the first load's map idle (made before the server had cached any answer). */
interface Timing extends LoadTiming { firstMapIdle: number }

async function timeExplore(url: string): Promise<Timing> {
  const timings: LoadTiming[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await page.waitForFunction(() => performance.getEntriesByName('fed311-map-idle').length > 0, null, { timeout: 60_000 });
    timings.push(
      await page.evaluate((): LoadTiming => ({
        firstRender: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        mapIdle: performance.getEntriesByName('fed311-map-idle')[0]!.startTime,
        mode: (window as unknown as { __fed311: { mode: string } }).__fed311.mode,
        inView: document.querySelector('[data-testid=in-view]')?.textContent ?? '?',
      })),
    );
    await context.close();
  }
  const median = (pick: (t: LoadTiming) => number) => timings.map(pick).sort((a, b) => a - b)[Math.floor(timings.length / 2)]!;
  return { firstRender: median((t) => t.firstRender), mapIdle: median((t) => t.mapIdle), firstMapIdle: timings[0]!.mapIdle, mode: timings[0]!.mode, inView: timings[0]!.inView };
}

/** Sums the gzip'd size of every script the page loads (the precompressed .gz adapter-node serves, where there is one). */
async function scriptsOf(url: string): Promise<{ app: number; maplibre: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = new Set<string>();
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (/\.(m?js)$/.test(path) && existsSync(join(clientDir, path))) scripts.add(path);
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await context.close();
  const sizes = { app: 0, maplibre: 0 };
  for (const path of scripts) {
    const file = join(clientDir, path);
    const body = readFileSync(file);
    const gz = existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`).length : gzipSync(body).length;
    if (path.includes('maplibre') || body.includes('MapLibre')) sizes.maplibre += gz;
    else sizes.app += gz;
  }
  return sizes;
}

/** The API and dashboard in this process over a copy of a generated store (the cached file may be open elsewhere). */
async function serve(n: number): Promise<{ url: string; endpoint: string; close: () => Promise<void> }> {
  const generated = await generateStore({ requests: n });
  const dir = mkdtempSync(join(tmpdir(), 'fed311-bench-web-'));
  copyFileSync(generated.path, join(dir, 'store.duckdb'));
  const store = await openStore({ path: join(dir, 'store.duckdb'), memoryLimit: '512MB' });
  const deps = defaultDeps({ logger: pino({ level: 'silent' }), now: () => generated.asOf });
  const app = createApp({ store, deps, dashboard: await loadDashboard() });
  const server = app.koa.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const [first] = await store.query<{ endpoint_id: string }>('SELECT endpoint_id FROM endpoints ORDER BY endpoint_id LIMIT 1');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    endpoint: first!.endpoint_id,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function ms(value: number): string {
  return `${Math.round(value)} ms`.padStart(8);
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`.padStart(10);
}
