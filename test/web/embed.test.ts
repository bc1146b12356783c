import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loopback } from '../support/loopback.ts';
import { apiJson } from './support/api.ts';
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

describe('embed parameters', () => {
  test('an unknown parameter is refused in the chart’s place, naming it and the parameters the chart accepts', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    const response = await page.goto(`${suite.server.url}/embed/flow?endpiont=sim-chicago`);
    expect(response!.status()).toBe(200);
    expect(await page.getByRole('alert').textContent()).toBe('This chart could not be loaded: unknown parameter "endpiont": the flow chart accepts endpoint, category, period, from, to.');
    expect(await page.locator('[data-chart=flow] svg').count()).toBe(0);
    // `period` is no parameter of the aging chart (it has no periods): refused too, not ignored
    await page.goto(`${suite.server.url}/embed/aging?endpoint=sim-chicago&period=week`);
    expect(await page.getByRole('alert').textContent()).toContain('unknown parameter "period": the aging chart accepts endpoint, category, from, to.');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the documented parameters work: category on ttc-by-category, and titles say the category (by its taxonomy name) and date range', async () => {
    const names = await categoryNames();
    // a category whose name is not its slug (street_light → "Street light"), with enough requests to be drawn
    const ttcRows = await apiJson<{ rows: { group: { category: string }; suppressed: boolean }[] }>(suite.server.url, 'metrics/ttc_km', { group_by: 'category', endpoint: 'sim-chicago' });
    const category = ttcRows.rows.filter((r) => !r.suppressed).map((r) => r.group.category).find((c) => c.includes('_') && names[c] !== undefined && names[c] !== c)!;
    expect(category, 'sim-chicago has a drawn category with an underscore in its slug').toBeDefined();
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/embed/ttc-by-category?endpoint=sim-chicago&category=${category}`);
    const ttc = page.locator('[data-chart=ttc-by-category]');
    await ttc.locator('.plot svg').first().waitFor();
    const ttcTitle = `Time to close by category — sim-chicago · ${names[category]}`;
    expect(await ttc.getByRole('heading', { level: 2 }).textContent()).toBe(ttcTitle);
    expect(await page.title()).toBe(`${ttcTitle} · fed311`);
    // the facet is labelled with the name; the slug stays in the URL and the table's (and CSV's) category column
    expect(await ttc.locator('.plot svg [aria-label="fy-axis tick label"] text').allTextContents()).toEqual([names[category]]);
    await ttc.getByText('Data table').click();
    expect(await ttc.locator('tbody tr td:first-child').allTextContents()).toEqual([category]);
    expect(await ttc.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual([names[category]]);
    for (const [chart, title] of [
      ['flow', `Opened, closed and backlog per week — sim-chicago · ${names.pothole} · 2026-01-01 to 2026-06-30`],
      ['aging', `Age of open requests — sim-chicago · ${names.pothole} · 2026-01-01 to 2026-06-30`],
      ['outcome-mix', `How closed requests ended — sim-chicago · ${names.pothole} · 2026-01-01 to 2026-06-30`],
    ]) {
      await page.goto(`${suite.server.url}/embed/${chart}?endpoint=sim-chicago&category=pothole&from=2026-01-01&to=2026-07-01`);
      expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(title);
      expect(await page.title()).toBe(`${title} · fed311`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the embed snippet', () => {
  test('the snippet the dashboard shows sizes its frame to the whole chart (ttc-by-category is taller than any fixed default)', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/endpoints/sim-chicago`);
    const chart = page.locator('[data-chart=ttc-by-category]');
    await chart.getByRole('button', { name: 'Embed' }).click();
    const snippet = await chart.locator('textarea').inputValue();
    const other = await loopback((_req, res) => {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><title>an article</title><body style="margin:0"><p>Text before.</p>${snippet}${snippet.replace('ttc-by-category?', 'aging?')}<p>Text after.</p></body></html>`);
    });
    try {
      await page.goto(other.url.replace('127.0.0.1', 'localhost'));
      const frames = page.locator('iframe');
      await frames.first().contentFrame().locator('[data-chart] .plot svg').waitFor();
      await frames.nth(1).contentFrame().locator('[data-chart] .plot svg').waitFor();
      // Each frame is as tall as its own embed's content: nothing clipped, and neither frame took the other's height.
      for (const i of [0, 1]) {
        const content = () => frames.nth(i).contentFrame().locator('main').evaluate((main) => Math.ceil(main.getBoundingClientRect().height));
        await expect.poll(async () => Math.abs((await frames.nth(i).evaluate((f) => f.getBoundingClientRect().height)) - (await content()))).toBeLessThanOrEqual(1);
      }
      const [tall, short] = [await frames.nth(0).evaluate((f) => f.getBoundingClientRect().height), await frames.nth(1).evaluate((f) => f.getBoundingClientRect().height)];
      expect(short).toBeLessThan(tall);
    } finally {
      await other.close();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a failing feed in an embed', () => {
  test('the embed warns, and says when the data last arrived rather than when figures were computed (runs last: it breaks sim-chicago)', async () => {
    const entry = suite.server.sim.registry().find((e) => e.id === 'sim-chicago')!;
    // nothing listens on port 9 of loopback: every call is refused, so the run fails
    await suite.server.harvestAgain([{ ...entry, base_url: 'http://127.0.0.1:9/open311/v2/' }]);
    const chicago = (await apiJson<{ rows: { endpoint_id: string; last_success_at: string; last_run: { outcome: string; finished_at: string } }[] }>(suite.server.url, 'endpoints')).rows.find((e) => e.endpoint_id === 'sim-chicago')!;
    expect(chicago.last_run.outcome).toBe('failed');
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/embed/flow?endpoint=sim-chicago`);
    const chart = page.locator('[data-chart=flow]');
    await chart.locator('.plot svg').first().waitFor();
    expect(await chart.getByTestId('feed-warning').textContent()).toContain(`Chicago, IL (simulated) (sim-chicago): the last harvest failed; its data last arrived ${chicago.last_success_at.slice(0, 16).replace('T', ' ')} UTC.`);
    expect(await chart.getByTestId('data-as-of').textContent()).toBe(`Data as of ${chicago.last_success_at.slice(0, 16).replace('T', ' ')} UTC (the endpoint’s last successful harvest).`);
    // a federation-wide embed names the failing feed among the ones it draws on
    await page.goto(`${suite.server.url}/embed/aging`);
    expect(await page.getByTestId('feed-warning').textContent()).toContain('(sim-chicago): the last harvest failed');
    expect(errors).toEqual([]);
    await context.close();
  });
});

/** The taxonomy's display name per category slug, as /api/v1/categories gives them. */
async function categoryNames(): Promise<Record<string, string>> {
  const { rows } = await apiJson<{ rows: { category: string; label: string }[] }>(suite.server.url, 'categories');
  return Object.fromEntries(rows.map((c) => [c.category, c.label]));
}
