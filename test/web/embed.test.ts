import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loopback } from '../support/loopback.ts';
import { openPage } from './support/browser.ts';
import { useDashboard } from './support/dashboard-suite.ts';

const suite = useDashboard({ requests: 2000 });
let host: Awaited<ReturnType<typeof loopback>>;

beforeAll(async () => {
  // Another site: a different origin (localhost, not 127.0.0.1, on its own port) that frames two fed311 pages.
  host = await loopback((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="en"><title>someone else's site</title>
      <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.fed311Embed) window.heights.push(e.data.fed311Embed.height); });</script>
      <iframe id="embed" title="embedded chart" width="700" height="500" src="${suite.server.url}/embed/flow?endpoint=sim-chicago"></iframe>
      <iframe id="page" title="a normal page" width="700" height="500" src="${suite.server.url}/health"></iframe></html>`);
  });
});
afterAll(async () => {
  await host?.close();
});

describe('embedding', () => {
  test('an /embed/ chart renders inside an iframe on another origin and reports its height; a normal page refuses to be framed', async () => {
    const { page, context } = await openPage(suite.browser);
    await page.goto(host.url.replace('127.0.0.1', 'localhost'));
    const embed = page.frameLocator('#embed');
    await embed.locator('[data-chart=flow] svg').first().waitFor();
    expect(await embed.getByRole('heading', { level: 2 }).textContent()).toContain('Opened, closed and backlog');
    expect(await embed.locator('.license').textContent()).toContain('simulated data, public domain');
    expect(await embed.locator('header.site').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1) ?? 0)).toBeGreaterThan(200);

    const blocked = page.frames().find((f) => f.parentFrame() !== null && !f.url().includes('/embed/'))!;
    // Chromium swaps a refused frame for its own error page: the health table never appears in it
    await expect.poll(() => blocked.url()).toMatch(/^chrome-error:/);
    expect(await blocked.locator('[data-testid=health-table]').count()).toBe(0);
    await context.close();
  });

  test('the headers behind it: frame-ancestors * under /embed/, DENY and frame-ancestors none elsewhere', async () => {
    const embed = await fetch(`${suite.server.url}/embed/aging?endpoint=sim-chicago`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toBe('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();
    for (const path of ['/', '/endpoints/sim-chicago', '/compare', '/health', '/methodology']) {
      const response = await fetch(`${suite.server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    }
  });

  test('an unknown chart is a 404 page naming the known ones', async () => {
    const response = await fetch(`${suite.server.url}/embed/nope`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('No chart "nope" (known: ttc-by-category, flow');
  });
});

describe('an embed with a typo', () => {
  test('an unknown endpoint says so instead of drawing an empty chart', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/embed/flow?endpoint=sim-chicgo`);
    expect(await page.getByRole('alert').textContent()).toMatch(/^This chart could not be loaded: endpoint: no endpoint "sim-chicgo" \(known: sim-chicago, /);
    expect(await page.locator('[data-chart=flow] svg').count()).toBe(0);
    // The browser logs the API's 400 as a failed resource; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  });
});
