import type { Download } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiJson } from './support/api.ts';
import { seriousViolations } from './support/axe.ts';
import { desktop, openPage, phone, waitForMap } from './support/browser.ts';
import { screenshot } from './support/screens.ts';
import { useDashboard } from './support/dashboard-suite.ts';

const suite = useDashboard();

const pages = [
  { name: 'explore', path: '/', ready: 'map' },
  { name: 'endpoint', path: '/endpoints/sim-chicago', ready: '[data-chart] svg' },
  { name: 'compare', path: '/compare?category=pothole', ready: '[data-chart] svg' },
  { name: 'health', path: '/health', ready: '[data-testid=health-table]' },
  { name: 'methodology', path: '/methodology', ready: 'dl.metrics' },
  { name: 'embed', path: '/embed/flow?endpoint=sim-chicago', ready: '[data-chart] svg' },
] as const;

describe('every page', () => {
  for (const { name, path, ready } of pages) {
    test(`${name}: renders without console errors, passes axe (no serious violations), screenshots at desktop and phone width`, async () => {
      for (const [width, viewport] of [['desktop', desktop], ['phone', phone]] as const) {
        const { page, errors, context } = await openPage(suite.browser, { viewport });
        const response = await page.goto(`${suite.server.url}${path}`);
        expect(response!.status()).toBe(200);
        if (ready === 'map') await waitForMap(page);
        else await page.locator(ready).first().waitFor();
        if (name === 'compare') await page.locator('.cell-map [data-ready]').waitFor();
        await screenshot(page, `${name}-${width}`);
        if (width === 'desktop') expect(await seriousViolations(page)).toEqual([]);
        // nothing wider than the screen on a phone: the page scrolls only vertically
        if (width === 'phone') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
        expect(errors).toEqual([]);
        await context.close();
      }
    });
  }
});

describe('the endpoint page', () => {
  test('headline figures and charts are the API’s numbers; each chart has its data table', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/endpoints/sim-chicago`);
    const { rows } = await apiJson<{ rows: { endpoint_id: string; requests: number; open: number; last_success_at: string | null }[] }>(suite.server.url, 'endpoints');
    const chicago = rows.find((r) => r.endpoint_id === 'sim-chicago')!;
    expect(await page.getByTestId('requests').textContent()).toBe(chicago.requests.toLocaleString('en-US'));
    expect(await page.getByTestId('open').textContent()).toBe(chicago.open.toLocaleString('en-US'));
    const ttc = await apiJson<{ rows: { value: number }[] }>(suite.server.url, 'metrics/ttc_km', { endpoint: 'sim-chicago' });
    await expect.poll(() => page.locator('.figures').textContent()).toContain(`${ttc.rows[0]!.value.toFixed(1)} d`);
    const aging = await apiJson<{ as_of: string; rows: { values: Record<string, number> }[] }>(suite.server.url, 'metrics/aging', { endpoint: 'sim-chicago' });
    const agingChart = page.locator('[data-chart=aging]');
    await agingChart.locator('svg').first().waitFor();
    // the data's as-of is when the endpoint was last harvested successfully, not when the figures were computed
    expect(await agingChart.getByTestId('data-as-of').textContent()).toBe(`Data as of ${chicago.last_success_at!.slice(0, 16).replace('T', ' ')} UTC (the endpoint’s last successful harvest).`);
    const bars = await agingChart.locator('svg g[aria-label="bar"] rect').count();
    expect(bars).toBe(Object.keys(aging.rows[0]!.values).filter((k) => k !== 'open').length);
    await agingChart.getByText('Data table').click();
    const cells = await agingChart.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(cells).toContainEqual(['over 90 days', String(aging.rows[0]!.values.over_90d)]);
    // the bars are named for people ("28–90 days", not from_28d_to_90d), and no name is cut off at the chart's left edge
    const chartLeft = (await agingChart.locator('svg').first().boundingBox())!.x;
    const ticks = agingChart.locator('svg g[aria-label="y-axis tick label"] text');
    expect(await ticks.allTextContents()).toEqual(['under 7 days', '7–28 days', '28–90 days', 'over 90 days', 'stale (no update 56 d)']);
    for (const box of await ticks.evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().x))) expect(box).toBeGreaterThanOrEqual(chartLeft);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('“Download data (CSV)” holds the chart’s rows and “Download PNG” is the chart as drawn', async () => {
    const { page, errors, context } = await openPage(suite.browser, { acceptDownloads: true });
    await page.goto(`${suite.server.url}/endpoints/sim-chicago`);
    const chart = page.locator('[data-chart=aging]');
    await chart.locator('svg').first().waitFor();
    const aging = await apiJson<{ rows: { values: Record<string, number> }[] }>(suite.server.url, 'metrics/aging', { endpoint: 'sim-chicago' });

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Download data (CSV)' }).click()]);
    expect(csvDownload.suggestedFilename()).toBe('aging-sim-chicago.csv');
    const csv = await readDownload(csvDownload);
    const names: Record<string, string> = { under_7d: 'under 7 days', from_7d_to_28d: '7–28 days', from_28d_to_90d: '28–90 days', over_90d: 'over 90 days', stale: 'stale (no update 56 d)' };
    const expected = ['part,requests', ...Object.entries(aging.rows[0]!.values).filter(([k]) => k !== 'open').map(([k, v]) => `${names[k]},${v}`)];
    expect(csv.trim().split('\n')).toEqual(expected);

    const [pngDownload] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: 'Download PNG' }).click()]);
    const png = Buffer.from(await readDownload(pngDownload, 'base64'), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const drawn = await chart.locator('.plot svg').boundingBox();
    // the PNG is drawn at twice the chart's size, taller by the title, legend and notes around it, and its bars are there in the chart's colour
    expect(png.readUInt32BE(16)).toBe(Math.ceil(drawn!.width) * 2);
    expect(png.readUInt32BE(20)).toBeGreaterThan(Math.ceil(drawn!.height * 2));
    const barPixels = await page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(image, 0, 0);
      const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
      let count = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i] === 0x1d && pixels[i + 1] === 0x4e && pixels[i + 2] === 0x89) count++;
      return count;
    }, png.toString('base64'));
    expect(barPixels).toBeGreaterThan(1000);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('URL state the controls show', () => {
  test('compare: a category or period the API does not take is an error in place of the charts; valid values show in the controls', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/compare?category=nope`);
    await page.locator('.cell-map [data-ready]').waitFor();
    expect(await page.locator('select[name=category]').inputValue()).toBe('nope');
    for (const id of ['compare-ttc', 'compare-volume', 'equity']) {
      expect(await page.locator(`[data-chart=${id}] [role=alert]`).textContent()).toContain('category: "nope": is not a category slug');
    }
    expect(await page.getByText('No data for this selection').count()).toBe(0);

    await page.goto(`${suite.server.url}/compare?category=pothole&period=year`);
    await page.locator('[data-chart=compare-volume] svg').first().waitFor();
    expect(await page.locator('select[name=category]').inputValue()).toBe('pothole');
    expect(await page.getByLabel('Period').inputValue()).toBe('year');
    expect(await page.locator('[data-chart=compare-volume] h2').textContent()).toContain('per year');

    await page.goto(`${suite.server.url}/compare?category=pothole&period=fortnight`);
    expect(await page.getByLabel('Period').inputValue()).toBe('fortnight');
    expect(await page.locator('[data-chart=compare-volume] [role=alert]').textContent()).toContain('period: "fortnight": must be day, week, month, quarter or year');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('endpoint page: the date range is shown, applies to every headline figure and stays when the period changes', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    // requests opened in the range, duplicates counted as in the all-time totals
    const range = { endpoint: 'sim-chicago', from: '2026-10-01', to: '2026-11-01', min_n: 1, include_duplicates: 'true' };
    await page.goto(`${suite.server.url}/endpoints/sim-chicago?from=2026-10-01&to=2026-11-01`);
    await page.locator('[data-chart=flow] svg').first().waitFor();
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2026-10-01');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2026-11-01');
    const opened = await apiJson<{ rows: { value: number }[] }>(suite.server.url, 'metrics/opened', range);
    const aging = await apiJson<{ rows: { values: { open: number } }[] }>(suite.server.url, 'metrics/aging', range);
    expect(await page.getByTestId('requests').textContent()).toBe(opened.rows[0]!.value.toLocaleString('en-US'));
    expect(await page.getByTestId('open').textContent()).toBe(aging.rows[0]!.values.open.toLocaleString('en-US'));
    expect(await page.getByTestId('figures-scope').textContent()).toContain('opened from 2026-10-01 to before 2026-11-01');

    await page.getByLabel('Period').selectOption('month');
    await expect.poll(() => page.url()).toContain('period=month');
    expect(new URL(page.url()).search).toBe('?period=month&from=2026-10-01&to=2026-11-01');
    await page.getByLabel('From', { exact: true }).fill('2026-09-01');
    await expect.poll(() => new URL(page.url()).search).toBe('?period=month&from=2026-09-01&to=2026-11-01');

    await page.goto(`${suite.server.url}/endpoints/sim-chicago?period=quarter`);
    expect(await page.getByLabel('Period').inputValue()).toBe('quarter');
    expect(await page.locator('[data-chart=flow] h2').textContent()).toContain('per quarter');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the methodology page', () => {
  test('lists every definition of the API with the group keys it takes (group_by)', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/methodology`);
    const { rows } = await apiJson<{ rows: { id: string; group_by: string[] }[] }>(suite.server.url, 'metrics');
    await page.locator('dl.metrics').waitFor();
    expect(await page.locator('dl.metrics dt').count()).toBe(rows.length);
    const volume = rows.find((r) => r.id === 'volume')!;
    expect(await page.locator('#metric-volume + dd').textContent()).toContain(`grouped by ${volume.group_by.join(', ')}`);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('keyboard and errors', () => {
  test('the keyboard reaches everything: skip link to the content, filters operable without a mouse', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await waitForMap(page);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.getByLabel('Status').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.url()).toContain('status=open');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an unknown endpoint is a 404 page that says which', async () => {
    const { page, context } = await openPage(suite.browser);
    const response = await page.goto(`${suite.server.url}/endpoints/nowhere`);
    expect(response!.status()).toBe(404);
    expect(await page.getByRole('alert').textContent()).toBe('No endpoint "nowhere" in the registry');
    await context.close();
  });
});

describe('the API behind the dashboard', () => {
  test('an unknown API path or a wrong method answers in the API’s error shapes, not with the dashboard’s 404 page', async () => {
    const answer = async (path: string, method = 'GET') => {
      const response = await fetch(`${suite.server.url}${path}`, { method });
      return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
    };
    for (const path of ['/api/v1/nothing', '/api/v1/', '/api/v1/map/', '/api', '/api/v1/requests/sim-chicago']) {
      const { status, type, body } = await answer(path);
      expect({ path, status, type }).toEqual({ path, status: 404, type: expect.stringContaining('application/json') });
      expect(JSON.parse(body)).toMatchObject({ error: { code: 'not_found' } });
    }
    for (const [path, method] of [['/api/v1/requests', 'DELETE'], ['/api/v1/metrics/ttc_km', 'POST']] as const) {
      const { status, body } = await answer(path, method);
      expect({ path, method, status, body: JSON.parse(body) }).toMatchObject({ path, method, status: 405, body: { error: { code: 'method_not_allowed' } } });
    }
    // GeoReport's own error list, in the path's format.
    const unknown = await answer('/open311/v2/nothing.json');
    expect([unknown.status, JSON.parse(unknown.body)]).toEqual([404, [{ code: 404, description: expect.any(String) }]]);
    const put = await answer('/open311/v2/requests.json', 'PUT');
    expect([put.status, JSON.parse(put.body)]).toEqual([405, [{ code: 405, description: expect.any(String) }]]);
  });
});

describe('a failing feed', () => {
  test('its page shows a banner and the health page marks it failing (runs last: it breaks one endpoint)', async () => {
    const entry = suite.server.sim.registry().find((e) => e.id === 'sim-ureport')!;
    // nothing listens on port 9 of loopback: every call is refused, so the run fails
    await suite.server.harvestAgain([{ ...entry, base_url: 'http://127.0.0.1:9/open311/v2/' }]);
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/endpoints/sim-ureport`);
    expect(await page.getByTestId('feed-banner').textContent()).toContain('The last harvest of this feed failed');
    // the freshness line dates the data by the last success, not by the failed attempt
    const { rows } = await apiJson<{ rows: { endpoint_id: string; last_success_at: string }[] }>(suite.server.url, 'endpoints');
    const lastSuccess = rows.find((r) => r.endpoint_id === 'sim-ureport')!.last_success_at;
    const freshness = await page.getByTestId('freshness').textContent();
    expect(freshness).toContain('Data last arrived ');
    expect(freshness).toContain(`(${lastSuccess.slice(0, 16).replace('T', ' ')} UTC, the last successful harvest)`);
    expect(freshness).toMatch(/the latest attempt, .* UTC, failed/);
    await screenshot(page, 'endpoint-failing-desktop');
    await page.goto(`${suite.server.url}/health`);
    const row = page.locator('tbody tr', { hasText: 'Bloomington' });
    expect(await row.locator('.pill').textContent()).toBe('failing');
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function readDownload(download: Download, encoding: BufferEncoding = 'utf8'): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString(encoding);
}
