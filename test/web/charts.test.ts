import type { Download, Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { apiJson } from './support/api.ts';
import { openPage } from './support/browser.ts';
import { useDashboard } from './support/dashboard-suite.ts';

const suite = useDashboard();

interface MetricAnswer {
  as_of: string;
  rows: { group: Record<string, string | null>; n: number; value: number | null; values: Record<string, number | null>; suppressed: boolean }[];
}
interface Endpoints {
  rows: { endpoint_id: string; name: string; last_success_at: string | null; oldest_requested_at: string | null; license: string | null }[];
}

describe('a downloaded chart stands alone', () => {
  test('“Requests per month” as SVG and PNG: title, a legend naming every endpoint, the data’s as-of and the source', async () => {
    const { page, errors, context } = await openPage(suite.browser, { acceptDownloads: true });
    await page.goto(`${suite.server.url}/compare?category=pothole`);
    const chart = page.locator('[data-chart=compare-volume]');
    await chart.locator('svg').first().waitFor();
    const volume = await apiJson<MetricAnswer>(suite.server.url, 'metrics/volume', { group_by: 'endpoint,period', period: 'month', category: 'pothole', min_n: 1 });
    const lines = [...new Set(volume.rows.map((r) => r.group.endpoint!))];
    expect(lines.length).toBeGreaterThan(2);
    const { rows: endpoints } = await apiJson<Endpoints>(suite.server.url, 'endpoints');
    const oldest = endpoints.map((e) => e.last_success_at!).sort()[0]!;

    const svg = await readDownload(await download(page, chart, 'Download SVG'));
    const texts = await page.evaluate((text) => [...new DOMParser().parseFromString(text, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent), svg);
    // the title names the category as the taxonomy does (/api/v1/categories), not by its slug
    const names = await categoryNames();
    expect(texts).toContain(`Requests per month for ${names.pothole}`);
    expect(await page.locator('[data-chart=compare-ttc] h2').textContent()).toBe(`Time to close for ${names.pothole}, by endpoint`);
    for (const endpoint of lines) expect(texts).toContain(endpoint);
    expect(texts).toContain('partial period');
    expect(texts.join(' ')).toContain(`Data as of ${oldest.slice(0, 16).replace('T', ' ')} UTC`);
    expect(texts.join(' ')).toContain(`Source: fed311 (${suite.server.url}/compare?category=pothole)`);

    // The PNG is the same standalone picture at twice its size.
    const png = Buffer.from(await readDownload(await download(page, chart, 'Download PNG'), 'base64'), 'base64');
    const size = svg.match(/^<svg[^>]* width="(\d+)" height="(\d+)"/)!;
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size[1]) * 2, Number(size[2]) * 2]);
    const drawn = await chart.locator('.plot svg').boundingBox();
    expect(png.readUInt32BE(20)).toBeGreaterThan(drawn!.height * 2 + 100);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('comparison across endpoints', () => {
  test('each endpoint’s row names its data license, as the API’s metric rows do', async () => {
    const { rows: endpoints } = await apiJson<Endpoints>(suite.server.url, 'endpoints');
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/compare?category=pothole`);
    const chart = page.locator('[data-chart=compare-ttc]');
    const shown = await tableColumn(chart, 0);
    const licenses = await chart.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[6]?.textContent ?? ''));
    expect(shown.length).toBeGreaterThan(1);
    expect(licenses).toEqual(shown.map((id) => endpoints.find((e) => e.endpoint_id === id)!.license ?? ''));
    expect(licenses.every((license) => license.length > 0)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('equity', () => {
  test('requests without coordinates are no area: not ranked, not in the ratio, counted in the note', async () => {
    const h3 = await apiJson<MetricAnswer>(suite.server.url, 'metrics/ttc_km', { group_by: 'h3', h3_resolution: 7, endpoint: 'sim-ureport', category: 'pothole' });
    const unplaced = h3.rows.find((r) => r.group.h3 === null);
    expect(unplaced, 'the simulated uReport feed has requests without coordinates').toBeDefined();
    const placed = h3.rows.filter((r) => r.group.h3 !== null && !r.suppressed && r.value !== null).map((r) => r.value!);

    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/compare?in=sim-ureport&category=pothole`);
    const chart = page.locator('[data-chart=equity]');
    const areas = await tableColumn(chart, 1);
    expect(areas).not.toContain('null');
    expect(areas).not.toContain('–');
    expect(areas.length).toBe(h3.rows.length - 1);
    const note = await chart.locator('.notes').textContent();
    const n = unplaced!.n;
    expect(note).toContain(`${n} request${n === 1 ? ' has' : 's have'} no coordinates, so no area, and ${n === 1 ? 'is' : 'are'} left out.`);
    if (placed.length >= 2) expect(note).toContain(`Slowest ÷ fastest: ${(Math.max(...placed) / Math.max(Math.min(...placed), 0.01)).toFixed(1)}×.`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a city’s districts: the requests without one are not ranked as a “null” district', async () => {
    const districts = await apiJson<MetricAnswer>(suite.server.url, 'metrics/ttc_km', { group_by: 'district', endpoint: 'sim-citysdk', category: 'pothole' });
    const unplaced = districts.rows.find((r) => r.group.district === null);
    expect(unplaced).toBeDefined();
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/compare?in=sim-citysdk&area=district&category=pothole`);
    const chart = page.locator('[data-chart=equity]');
    await chart.locator('.notes').waitFor();
    expect(await chart.locator('text=null').count()).toBe(0);
    const n = unplaced!.n;
    expect(await chart.locator('.notes').textContent()).toContain(`${n.toLocaleString('en-US')} request${n === 1 ? ' has' : 's have'} no district, so no area, and ${n === 1 ? 'is' : 'are'} left out.`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the map follows “Areas within”: Chicago → Helsinki moves the frame and draws Helsinki’s cells, without a reload', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/compare?category=pothole&in=sim-chicago`);
    const map = page.locator('.cell-map .map');
    await page.locator('.cell-map [data-ready]').waitFor();
    await expect.poll(() => cellPixels(page, map), { timeout: 15_000 }).toBeGreaterThan(0.01);
    await page.getByLabel('Areas within').selectOption('sim-citysdk');
    await page.waitForURL(/in=sim-citysdk/);
    await expect.poll(() => page.locator('[data-chart=equity] h2').textContent()).toContain('sim-citysdk');
    // Helsinki's cells are on screen (before, the map stayed on Chicago: an empty frame).
    await expect.poll(() => cellPixels(page, map), { timeout: 15_000 }).toBeGreaterThan(0.01);
    await expect.poll(() => map.getAttribute('data-endpoint')).toBe('sim-citysdk');
    const [lon, lat] = (await map.getAttribute('data-center'))!.split(',').map(Number);
    const helsinki = (await apiJson<{ rows: { endpoint_id: string; bbox: number[] }[] }>(suite.server.url, 'endpoints')).rows.find((e) => e.endpoint_id === 'sim-citysdk')!.bbox;
    expect(lon).toBeGreaterThan(helsinki[0]!);
    expect(lon).toBeLessThan(helsinki[2]!);
    expect(lat).toBeGreaterThan(helsinki[1]!);
    expect(lat).toBeLessThan(helsinki[3]!);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('time to close ridges', () => {
  test('every tick label shows, a dot at each figure the API gives, and the median mark sits on the curve at 50 %', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/endpoints/sim-chicago`);
    const chart = page.locator('[data-chart=ttc-by-category]');
    await chart.locator('.plot svg').first().waitFor();
    const ticks = await chart.locator('.plot svg [aria-label="x-axis tick label"] text').allTextContents();
    expect(ticks).toEqual(['1 h', '1 d', '7 d', '30 d', '90 d']);
    const ttc = await apiJson<MetricAnswer>(suite.server.url, 'metrics/ttc_km', { group_by: 'category', endpoint: 'sim-chicago' });
    const drawn = ttc.rows.filter((r) => !r.suppressed).sort((a, b) => b.n - a.n).slice(0, 12);
    const figures = drawn.flatMap((r) => ['median_days', 'p90_days', 'within_1d', 'within_7d', 'within_30d', 'within_90d'].filter((k) => r.values[k] !== null && r.values[k] !== undefined));
    // Two dot marks: one dot per figure (blue), then one per median (orange, on the curve at 50 %).
    const dots = await chart.locator('.plot svg g[aria-label="dot"]').evaluateAll((groups) => groups.map((g) => g.querySelectorAll('circle').length));
    expect(dots).toEqual([figures.length, drawn.filter((r) => r.values.median_days !== null).length]);
    // Each facet is labelled with its category's taxonomy name (/api/v1/categories), largest first, not its slug.
    const names = await categoryNames();
    expect(await chart.locator('.plot svg [aria-label="fy-axis tick label"] text').allTextContents()).toEqual(drawn.map((r) => names[r.group.category!] ?? r.group.category));
    expect(drawn.some((r) => names[r.group.category!] !== r.group.category), 'some drawn category has a name other than its slug').toBe(true);
    // The curve is straight lines between those dots: no step-after (horizontal then vertical) path.
    const path = await chart.locator('.plot svg [aria-label="line"] path').first().getAttribute('d');
    expect(path).not.toMatch(/H/);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('time series', () => {
  test('“Requests per month”: a month without requests is a zero between the first and last, and unfinished months are marked partial', async () => {
    const { page, errors, context } = await openPage(suite.browser, { acceptDownloads: true });
    await page.goto(`${suite.server.url}/compare?category=pothole`);
    const chart = page.locator('[data-chart=compare-volume]');
    await chart.locator('svg').first().waitFor();
    const volume = await apiJson<MetricAnswer>(suite.server.url, 'metrics/volume', { group_by: 'endpoint,period', period: 'month', category: 'pothole', min_n: 1 });
    const { rows: endpoints } = await apiJson<Endpoints>(suite.server.url, 'endpoints');
    const csv = (await readDownload(await download(page, chart, 'Download data (CSV)'))).trim().split('\n').map((line) => line.split(','));
    expect(csv[0]).toEqual(['endpoint', 'period', 'requests', 'vs_trailing_year', 'partial']);
    let gaps = 0;
    for (const endpoint of new Set(volume.rows.map((r) => r.group.endpoint!))) {
      const api = new Map(volume.rows.filter((r) => r.group.endpoint === endpoint).map((r) => [r.group.period!, r]));
      const shown = csv.filter((r) => r[0] === endpoint);
      const months = monthsBetween([...api.keys()].sort()[0]!, [...api.keys()].sort().at(-1)!);
      expect(shown.map((r) => r[1])).toEqual(months);
      const start = endpoints.find((e) => e.endpoint_id === endpoint)!.oldest_requested_at!;
      for (const [, period, requests, , partial] of shown) {
        const row = api.get(period!);
        if (!row) gaps++;
        expect(Number(requests)).toBe(row?.values.opened ?? 0);
        const holdsStart = start.slice(0, 7) === period!.slice(0, 7) && !start.startsWith(`${period!.slice(0, 7)}-01T00:00:00`);
        expect({ endpoint, period, partial }).toEqual({ endpoint, period, partial: row?.values.complete === 0 || holdsStart ? 'yes' : 'no' });
      }
    }
    expect(gaps, 'some endpoint has a month without a pothole report').toBeGreaterThan(0);
    // The month of as-of is unfinished: the API says so, and the chart draws it dashed.
    expect(volume.rows.filter((r) => r.group.period === volume.as_of.slice(0, 7) + '-01').every((r) => r.values.complete === 0)).toBe(true);
    expect(await chart.locator('.plot svg [stroke-dasharray="4,3"]').count()).toBeGreaterThan(0);
    expect(await chart.locator('.notes').textContent()).toContain('Dashed: a partial period');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('flow: every week from the first to the last, the current one partial, and the backlog caveat', async () => {
    const { page, errors, context } = await openPage(suite.browser, { acceptDownloads: true });
    await page.goto(`${suite.server.url}/endpoints/sim-chicago?period=week`);
    const chart = page.locator('[data-chart=flow]');
    await chart.locator('.plot svg').first().waitFor();
    const csv = (await readDownload(await download(page, chart, 'Download data (CSV)'))).trim().split('\n').slice(1).map((line) => line.split(','));
    for (let i = 1; i < csv.length; i++) expect(Date.parse(csv[i]![0]!) - Date.parse(csv[i - 1]![0]!)).toBe(7 * 86_400_000);
    expect(csv.at(-1)![4]).toBe('yes');
    expect(csv[0]![4]).toBe('yes');
    expect(csv.slice(1, -1).every((r) => r[4] === 'no')).toBe(true);
    expect(await chart.locator('.caveat').textContent()).toContain('The backlog counts only requests fed311 has harvested');
    expect(await chart.locator('.legend').textContent()).toContain('partial period');
    expect(errors).toEqual([]);
    await context.close();
  });
});

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let d = new Date(`${first}T00:00:00Z`); d <= new Date(`${last}T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + 1)) months.push(d.toISOString().slice(0, 10));
  return months;
}

/** The share of the map's pixels that are drawn cells (anything well away from the plain ground and graticule). */
async function cellPixels(page: Page, map: Locator): Promise<number> {
  const shot = (await map.screenshot()).toString('base64');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: image.width, height: image.height });
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, image.width, image.height).data;
    let count = 0;
    // the ground is #eef1f4, the graticule #d5dbe1: a cell (#9aa5b1 grey or the duration oranges at 0.8) is far from both
    for (let i = 0; i < pixels.length; i += 4) if (Math.abs(pixels[i]! - 0xee) + Math.abs(pixels[i + 1]! - 0xf1) + Math.abs(pixels[i + 2]! - 0xf4) > 60 && Math.abs(pixels[i]! - 0xd5) + Math.abs(pixels[i + 1]! - 0xdb) + Math.abs(pixels[i + 2]! - 0xe1) > 40) count++;
    return count / (pixels.length / 4);
  }, shot);
}

async function tableColumn(chart: Locator, index: number): Promise<string[]> {
  await chart.getByText('Data table').click();
  return chart.locator('tbody tr').evaluateAll((trs, i) => trs.map((tr) => tr.querySelectorAll('td')[i]?.textContent ?? ''), index);
}

async function download(page: Page, chart: Locator, name: string): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name }).click()]);
  return file;
}

async function readDownload(file: Download, encoding: BufferEncoding = 'utf8'): Promise<string> {
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString(encoding);
}

/** The taxonomy's display name per category slug, as /api/v1/categories gives them. */
async function categoryNames(): Promise<Record<string, string>> {
  const { rows } = await apiJson<{ rows: { category: string; label: string }[] }>(suite.server.url, 'categories');
  return Object.fromEntries(rows.map((c) => [c.category, c.label]));
}
