import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loopback } from '../support/loopback.ts';
import { apiJson, countRequests } from './support/api.ts';
import { openPage, phone, waitForMap } from './support/browser.ts';
import { inViewFigures, mapView, renderedFeatures } from './support/map-probe.ts';
import { useDashboard } from './support/dashboard-suite.ts';

const suite = useDashboard();

interface Endpoint { endpoint_id: string; name: string; bbox: [number, number, number, number] }

const format = (n: number) => n.toLocaleString('en-US');

async function categoryLabels(endpoint?: string): Promise<Record<string, string>> {
  const { rows } = await apiJson<{ rows: { category: string; label: string }[] }>(suite.server.url, 'categories', endpoint ? { endpoint } : {});
  return Object.fromEntries(rows.map((r) => [r.category, r.label]));
}

/** A view of one endpoint's coverage box, as the `map` URL parameter. */
async function cityView(endpointId: string, zoom: number): Promise<string> {
  const { rows } = await apiJson<{ rows: Endpoint[] }>(suite.server.url, 'endpoints');
  const { bbox } = rows.find((e) => e.endpoint_id === endpointId)!;
  return [zoom, ((bbox[1] + bbox[3]) / 2).toFixed(4), ((bbox[0] + bbox[2]) / 2).toFixed(4)].join('/');
}

/** The category colours the map paints with: the hexagon layer's `match` expression as category → colour. */
function paintedCategories(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const paint = (window as unknown as { __fed311: { map: { getPaintProperty(layer: string, name: string): unknown[] } } }).__fed311.map.getPaintProperty('hexagons', 'fill-color');
    const pairs = paint[0] === 'match' ? paint.slice(2, -1) : [];
    return Object.fromEntries(pairs.flatMap((v, i) => (i % 2 ? [] : [[String(v), String(pairs[i + 1])]])));
  });
}

const world = '-180,-90,180,90';

/** Requests with a location that the filters match, anywhere: the hexagon API over the whole world. */
async function locatedCount(filters: Record<string, string>): Promise<number> {
  const { rows } = await apiJson<{ rows: { n: number }[] }>(suite.server.url, 'map/hexagons', { ...filters, bbox: world, resolution: 0 });
  return rows.reduce((s, r) => s + r.n, 0);
}

describe('the Explore map', () => {
  test('the first view is rendered on the server: filters and endpoint names are in the HTML', async () => {
    const html = await (await fetch(`${suite.server.url}/`)).text();
    const { rows } = await apiJson<{ rows: Endpoint[] }>(suite.server.url, 'endpoints');
    expect(html).toContain('<h1>Explore service requests</h1>');
    for (const endpoint of rows) expect(html).toContain(endpoint.name.replace(/&/g, '&amp;'));
  });

  test('zoomed out it draws H3 hexagons whose counts are what /api/v1/map/hexagons and /api/v1/requests say', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await waitForMap(page);
    const view = await mapView(page);
    expect(view.mode).toBe('hexagons');
    const drawn = await renderedFeatures(page, ['hexagons']);
    expect(drawn.length).toBeGreaterThan(0);
    const figures = await inViewFigures(page);
    const resolution = Number((await page.locator('.status-line').textContent())!.match(/resolution (\d+)/)![1]);
    const api = await apiJson<{ rows: { h3: string; n: number; open: number }[] }>(suite.server.url, 'map/hexagons', { bbox: view.bbox, resolution });
    expect(figures).toEqual({ n: api.rows.reduce((s, r) => s + r.n, 0), open: api.rows.reduce((s, r) => s + r.open, 0) });
    expect(figures).toEqual(await countRequests(suite.server.url, { bbox: view.bbox }));
    // every cell the API returned that lies in view was drawn (a cell can straddle the edge, so compare ids, not counts)
    expect(new Set(drawn.map((f) => f.h3)).size).toBeGreaterThan(0);
    for (const cell of drawn) expect(api.rows.some((r) => r.h3 === cell.h3)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('zoomed into a city it draws clustered points; clicking one opens its status history and source', async () => {
    const { rows } = await apiJson<{ rows: Endpoint[] }>(suite.server.url, 'endpoints');
    const chicago = rows.find((e) => e.endpoint_id === 'sim-chicago')!;
    const lat = (chicago.bbox[1] + chicago.bbox[3]) / 2;
    const lon = (chicago.bbox[0] + chicago.bbox[2]) / 2;
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/?map=${[11.5, lat.toFixed(4), lon.toFixed(4)].join('/')}`);
    await waitForMap(page);
    expect((await mapView(page)).mode).toBe('points');
    const clusters = await renderedFeatures(page, ['clusters']);
    const points = await renderedFeatures(page, ['points']);
    expect(clusters.length + points.length).toBeGreaterThan(0);
    const figures = await inViewFigures(page);
    const clustered = clusters.reduce((s, c) => s + Number(c.point_count), 0);
    expect(clustered + points.length).toBeLessThanOrEqual(figures.n);

    // centred on one request, zoomed past clustering: it is a single point; click it and check the panel against the API
    const { features } = await apiJson<{ features: { geometry: { coordinates: [number, number] } }[] }>(suite.server.url, 'map/points', { bbox: chicago.bbox.join(','), limit: 1 });
    const [pointLon, pointLat] = features[0]!.geometry.coordinates;
    await page.goto(`${suite.server.url}/?map=${[16, pointLat.toFixed(6), pointLon.toFixed(6)].join('/')}`);
    await waitForMap(page);
    const target = await page.evaluate(() => {
      const map = (window as unknown as { __fed311: { map: { queryRenderedFeatures(o: object): { geometry: { coordinates: [number, number] }; properties: Record<string, string> }[]; project(c: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } } }).__fed311.map;
      const [feature] = map.queryRenderedFeatures({ layers: ['points'] });
      if (!feature) return null;
      const point = map.project(feature.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y, id: String(feature.properties.service_request_id), endpoint: String(feature.properties.endpoint_id) };
    });
    expect(target).not.toBeNull();
    await page.mouse.move(target!.x, target!.y);
    await expect.poll(() => page.locator('.maplibregl-popup').textContent()).toContain(`#${target!.id}`);
    await page.mouse.click(target!.x, target!.y);
    await page.getByRole('heading', { name: new RegExp(`#${target!.id}$`) }).waitFor();
    const detail = await apiJson<{ request: { status: string; category: string }; history: unknown[] }>(suite.server.url, `requests/${target!.endpoint}/${encodeURIComponent(target!.id)}`);
    const panel = page.locator('section.request');
    // the taxonomy's name for the category, as /api/v1/categories gives it, not its id
    expect(await panel.locator('dt:text-is("Category") + dd').textContent()).toBe((await categoryLabels())[detail.request.category]);
    expect(await panel.locator('.history li').count()).toBe(detail.history.length);
    expect(await panel.getByRole('link', { name: 'Chicago, IL (simulated)' }).getAttribute('href')).toBe('/endpoints/sim-chicago');
    expect(await panel.textContent()).toContain('simulated data, public domain');
    expect(page.url()).toContain(`r=${target!.endpoint}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('filters change the map and the figures exactly as /api/v1 filters, and a permalink restores the view', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await waitForMap(page);
    const before = await inViewFigures(page);

    await page.getByLabel('Status').selectOption('open');
    await waitForMap(page, 2);
    await expect.poll(() => page.url()).toContain('status=open');
    const openOnly = await inViewFigures(page);
    const view = await mapView(page);
    expect(openOnly.n).toBe(before.open);
    expect(openOnly).toEqual(await countRequests(suite.server.url, { bbox: view.bbox, status: 'open' }));

    await page.getByLabel('Categories').selectOption(['pothole', 'graffiti']);
    await waitForMap(page, 3);
    await expect.poll(() => page.url()).toContain('category=graffiti%2Cpothole');
    const filtered = await inViewFigures(page);
    expect(filtered).toEqual(await countRequests(suite.server.url, { bbox: view.bbox, status: 'open', category: 'pothole,graffiti' }));
    expect(filtered.n).toBeLessThan(openOnly.n);
    const drawn = await renderedFeatures(page, ['hexagons']);
    expect(drawn.length).toBeGreaterThan(0);

    // the same URL in a fresh page shows the same filters, view and figures
    const permalink = page.url();
    const second = await openPage(suite.browser);
    await second.page.goto(permalink);
    await waitForMap(second.page);
    expect(await second.page.getByLabel('Status').inputValue()).toBe('open');
    expect(await second.page.getByLabel('Categories').evaluate((s: HTMLSelectElement) => [...s.selectedOptions].map((o) => o.value).sort())).toEqual(['graffiti', 'pothole']);
    expect(await inViewFigures(second.page)).toEqual(filtered);
    const restored = await mapView(second.page);
    expect(restored.zoom).toBeCloseTo(view.zoom, 1);
    expect(restored.lat).toBeCloseTo(view.lat, 2);
    expect(restored.lon).toBeCloseTo(view.lon, 2);
    expect(errors).toEqual([]);
    expect(second.errors).toEqual([]);
    await second.context.close();
    await context.close();
  });

  test('“Download data” links export every request the filters match, uncapped, in CSV, GeoJSON and Parquet', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    const lines = async (url: string) => (await (await fetch(url)).text()).trim().split('\n').length;
    for (const [query, filter] of [['', ''], ['?status=open&category=pothole,graffiti', 'status=open&category=graffiti%2Cpothole']] as const) {
      await page.goto(`${suite.server.url}/${query}`);
      const href = async (name: string) => new URL((await page.getByRole('link', { name, exact: true }).getAttribute('href'))!, suite.server.url);
      const [csv, geojson, parquet] = [await href('Download data (CSV)'), await href('GeoJSON'), await href('Parquet')];
      for (const [url, format] of [[csv, 'csv'], [geojson, 'geojson'], [parquet, 'parquet']] as const) {
        expect(url.searchParams.get('format')).toBe(format);
        expect(url.searchParams.has('limit')).toBe(false);
      }
      const expected = await lines(`${suite.server.url}/api/v1/requests?format=ndjson${filter ? `&${filter}` : ''}`);
      const { features } = (await (await fetch(geojson)).json()) as { features: unknown[] };
      expect({ query, features: features.length }).toEqual({ query, features: expected });
      // The whole store is more than the 1,000 rows the link used to stop at.
      if (!query) expect(expected).toBeGreaterThan(1000);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('free text and the date range filter the map like the API does', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/?from=2026-06-01&to=2026-09-01`);
    await waitForMap(page);
    const view = await mapView(page);
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2026-06-01');
    expect(await inViewFigures(page)).toEqual(await countRequests(suite.server.url, { bbox: view.bbox, from: '2026-06-01', to: '2026-09-01' }));
    await page.getByLabel('Search text').fill('street');
    await page.getByRole('button', { name: 'Apply' }).click();
    await waitForMap(page, 2);
    await expect.poll(() => page.url()).toContain('q=street');
    expect(await inViewFigures(page)).toEqual(await countRequests(suite.server.url, { bbox: view.bbox, from: '2026-06-01', to: '2026-09-01', q: 'street' }));
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a date typed in the field, the range slider and Apply each set the date range in the URL and the figures', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await waitForMap(page);
    const view = await mapView(page);
    const settled = async (filters: Record<string, string>, loads: number) => {
      await waitForMap(page, loads);
      expect(await inViewFigures(page)).toEqual(await countRequests(suite.server.url, { bbox: view.bbox, ...filters }));
    };

    // Chromium fires change at every keystroke that makes a valid date (0002-06-01, 0020-06-01, …): nothing is sent mid-typing
    const from = page.getByLabel('From', { exact: true });
    await from.focus();
    await page.keyboard.type('06012026');
    expect(await from.inputValue()).toBe('2026-06-01');
    expect(page.url()).not.toContain('from=');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('from=2026-06-01');
    await settled({ from: '2026-06-01' }, 2);

    const end = page.getByLabel('End of range');
    await end.fill(String(Number(await end.getAttribute('max')) - 30));
    await expect.poll(() => page.url()).toMatch(/to=\d{4}-\d{2}-\d{2}/);
    const to = new URL(page.url()).searchParams.get('to')!;
    expect(page.url()).toContain('from=2026-06-01');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(to);
    await settled({ from: '2026-06-01', to }, 3);

    await page.getByLabel('To', { exact: true }).focus();
    await page.keyboard.type('09012026');
    expect(page.url()).toContain(`to=${to}`);
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.url()).toContain('to=2026-09-01');
    expect(page.url()).toContain('from=2026-06-01');
    await settled({ from: '2026-06-01', to: '2026-09-01' }, 4);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('with no view in the URL, the first map view holds every endpoint’s coverage, on a phone as on a desktop', async () => {
    const { rows } = await apiJson<{ rows: Endpoint[] }>(suite.server.url, 'endpoints');
    for (const viewport of [phone, undefined]) {
      const { page, errors, context } = await openPage(suite.browser, viewport ? { viewport } : {});
      await page.goto(`${suite.server.url}/`);
      await waitForMap(page);
      const bounds = await page.evaluate(() => (window as unknown as { __fed311: { map: { getBounds(): { toArray(): [[number, number], [number, number]] } } } }).__fed311.map.getBounds().toArray());
      const [[west, south], [east, north]] = bounds;
      for (const e of rows.filter((r) => r.bbox)) {
        const [w, s, ea, n] = e.bbox;
        expect([w >= west, s >= south, ea <= east, n <= north], `${e.endpoint_id} in view ${JSON.stringify(bounds)}`).toEqual([true, true, true, true]);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('on a phone, opening a request scrolls its panel into view, moves focus to its heading and closes the hover popup', async () => {
    const { rows } = await apiJson<{ rows: Endpoint[] }>(suite.server.url, 'endpoints');
    const chicago = rows.find((e) => e.endpoint_id === 'sim-chicago')!;
    const { features } = await apiJson<{ features: { geometry: { coordinates: [number, number] } }[] }>(suite.server.url, 'map/points', { bbox: chicago.bbox.join(','), limit: 1 });
    const [lon, lat] = features[0]!.geometry.coordinates;
    const { page, errors, context } = await openPage(suite.browser, { viewport: phone });
    await page.goto(`${suite.server.url}/?map=${[16.5, lat.toFixed(6), lon.toFixed(6)].join('/')}`);
    await waitForMap(page);
    const target = await page.evaluate(() => {
      const map = (window as unknown as { __fed311: { map: { queryRenderedFeatures(o: object): { geometry: { coordinates: [number, number] } }[]; project(c: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } } }).__fed311.map;
      const [feature] = map.queryRenderedFeatures({ layers: ['points'] });
      if (!feature) return null;
      const point = map.project(feature.geometry.coordinates);
      const box = map.getCanvas().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    const heading = page.locator('section.request h2');
    await heading.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('request-title');
    const box = (await heading.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(phone.height);
    expect(await page.locator('.maplibregl-popup').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('colouring by time to close paints each hexagon with its Kaplan–Meier median from /api/v1/metrics', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/`);
    await waitForMap(page);
    await page.getByLabel('Colour by').selectOption('ttc');
    await waitForMap(page, 2);
    await expect.poll(() => page.url()).toContain('color=ttc');
    const resolution = Number((await page.locator('.status-line').textContent())!.match(/resolution (\d+)/)![1]);
    const metric = await apiJson<{ rows: { group: { h3: string }; value: number | null; suppressed: boolean }[] }>(suite.server.url, 'metrics/ttc_km', { group_by: 'h3', h3_resolution: resolution });
    const expected = new Map(metric.rows.map((r) => [r.group.h3, r.suppressed ? null : r.value]));
    const drawn = await renderedFeatures(page, ['hexagons']);
    expect(drawn.length).toBeGreaterThan(0);
    for (const cell of drawn) expect(cell.median_ttc_days ?? null).toBe(expected.get(String(cell.h3)) ?? null);
    expect(drawn.some((cell) => typeof cell.median_ttc_days === 'number')).toBe(true);
    expect(await page.locator('.legend figcaption').textContent()).toContain('Kaplan–Meier');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('colouring by category paints each hexagon by its most frequent category, as the API counts them', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/?color=category`);
    await waitForMap(page);
    const view = await mapView(page);
    const resolution = Number((await page.locator('.status-line').textContent())!.match(/resolution (\d+)/)![1]);
    const api = await apiJson<{ rows: { h3: string; categories: Record<string, number> }[] }>(suite.server.url, 'map/hexagons', { bbox: view.bbox, resolution, categories: 'true' });
    const top = new Map(api.rows.map((r) => [r.h3, Math.max(...Object.values(r.categories))]));
    const drawn = await renderedFeatures(page, ['hexagons']);
    expect(drawn.length).toBeGreaterThan(0);
    for (const cell of drawn) {
      const counts = api.rows.find((r) => r.h3 === cell.h3)!.categories;
      expect(counts[String(cell.category)]).toBe(top.get(String(cell.h3)));
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  test('colouring by time to close says, when a status or text filter is set, that the colours ignore it', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/?color=ttc`);
    await waitForMap(page);
    expect(await page.getByTestId('legend-note').count()).toBe(0);

    await page.goto(`${suite.server.url}/?color=ttc&status=open`);
    await waitForMap(page);
    expect(await page.getByTestId('legend-note').textContent()).toContain('The colours follow the endpoint, category and date filters only, not the status (open) filter');
    // what the note says: the cells' colours are the medians over all their requests, open or not
    const resolution = Number((await page.locator('.status-line').textContent())!.match(/resolution (\d+)/)![1]);
    const metric = await apiJson<{ rows: { group: { h3: string }; value: number | null; suppressed: boolean }[] }>(suite.server.url, 'metrics/ttc_km', { group_by: 'h3', h3_resolution: resolution });
    const medians = new Map(metric.rows.map((r) => [r.group.h3, r.suppressed ? null : r.value]));
    const drawn = await renderedFeatures(page, ['hexagons']);
    expect(drawn.length).toBeGreaterThan(0);
    for (const cell of drawn) expect(cell.median_ttc_days ?? null).toBe(medians.get(String(cell.h3)) ?? null);

    await page.goto(`${suite.server.url}/?color=ttc&q=street`);
    await waitForMap(page);
    expect(await page.getByTestId('legend-note').textContent()).toContain('not the text (“street”) filter');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('colouring by category gives the colours to the categories with the most requests in view, by name, and keeps them while panning', async () => {
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/?color=category&map=${await cityView('sim-citysdk', 10.5)}`);
    await waitForMap(page);
    const view = await mapView(page);
    const resolution = Number((await page.locator('.status-line').textContent())!.match(/resolution (\d+)/)![1]);
    const api = await apiJson<{ rows: { categories: Record<string, number> }[] }>(suite.server.url, 'map/hexagons', { bbox: view.bbox, resolution, categories: 'true' });
    const inView: Record<string, number> = {};
    for (const row of api.rows) for (const [category, n] of Object.entries(row.categories)) inView[category] = (inView[category] ?? 0) + n;
    const labels = await categoryLabels();

    const painted = await paintedCategories(page);
    const coloured = Object.keys(painted);
    expect(coloured.length).toBe(Math.min(9, Object.keys(inView).length));
    // none left in the grey has more requests in view than a coloured one
    const fewest = Math.min(...coloured.map((c) => inView[c] ?? 0));
    expect(fewest).toBeGreaterThan(0);
    for (const [category, n] of Object.entries(inView)) if (!coloured.includes(category)) expect(n, category).toBeLessThanOrEqual(fewest);
    // the legend names them as the taxonomy does, in the same order and colours as the map paints them
    const items = await page.locator('.legend li').evaluateAll((lis) => lis.map((li) => ({ label: li.textContent!.trim(), color: (li.querySelector('.swatch') as HTMLElement).style.background })));
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(items.slice(0, coloured.length)).toEqual(coloured.map((c) => ({ label: labels[c], color: rgb(painted[c]!) })));
    if (Object.keys(inView).length > coloured.length) expect(items.at(-1)!.label).toBe(`other categories (${Object.keys(inView).length - coloured.length})`);

    // a small pan: every category still among the largest keeps its colour
    await page.evaluate(() => (window as unknown as { __fed311: { map: { panBy(offset: [number, number]): void } } }).__fed311.map.panBy([160, 60]));
    await waitForMap(page, 2);
    const after = await paintedCategories(page);
    const kept = Object.keys(after).filter((c) => c in painted);
    expect(kept.length).toBeGreaterThan(0);
    for (const category of kept) expect({ category, color: after[category] }).toEqual({ category, color: painted[category] });
    expect(errors).toEqual([]);
    await context.close();
  });

  test('requests the filters match without a location are counted in a note, per endpoint', async () => {
    const { rows } = await apiJson<{ rows: Endpoint[] }>(suite.server.url, 'endpoints');
    const name = (id: string) => rows.find((e) => e.endpoint_id === id)!.name;
    const { page, errors, context } = await openPage(suite.browser);
    // the first view frames every endpoint: every located request is in it
    await page.goto(`${suite.server.url}/?endpoint=sim-ureport`);
    await waitForMap(page);
    const figures = await inViewFigures(page);
    expect(figures.n).toBe(await locatedCount({ endpoint: 'sim-ureport' }));
    const all = await countRequests(suite.server.url, { endpoint: 'sim-ureport' });
    const missing = all.n - figures.n;
    expect(missing).toBeGreaterThan(0);
    expect(await page.getByTestId('unlocated').textContent()).toBe(`${format(missing)} more match the filters but have no location, so are on no map: ${format(missing)} from ${name('sim-ureport')}.`);

    // with status and dates too, over two endpoints; and the number does not depend on the view
    const filters = { endpoint: 'sim-citysdk,sim-ureport', status: 'closed', from: '2026-06-01', to: '2026-11-01' };
    await page.goto(`${suite.server.url}/?${new URLSearchParams(filters)}&map=${await cityView('sim-chicago', 9)}`);
    await waitForMap(page);
    const perEndpoint = await Promise.all(['sim-ureport', 'sim-citysdk'].map(async (id) => {
      const one = { ...filters, endpoint: id };
      return { id, n: (await countRequests(suite.server.url, one)).n - (await locatedCount(one)) };
    }));
    const shown = perEndpoint.filter((e) => e.n > 0).sort((a, b) => b.n - a.n);
    const total = shown.reduce((s, e) => s + e.n, 0);
    expect(total).toBeGreaterThan(0);
    expect(await page.getByTestId('unlocated').textContent()).toBe(`${format(total)} more match the filters but have no location, so are on no map: ${shown.map((e) => `${format(e.n)} from ${name(e.id)}`).join(' and ')}.`);

    // a text search cannot be applied to that count: the note says so and gives the count without it
    await page.goto(`${suite.server.url}/?endpoint=sim-ureport&q=street`);
    await waitForMap(page);
    expect(await page.getByTestId('unlocated').textContent()).toBe(`Requests without a location are on no map. Up to ${format(missing)} of them match the other filters (the API cannot count them by text): ${format(missing)} from ${name('sim-ureport')}.`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('people read names: categories by their taxonomy names and counted over the chosen endpoints, places not H3 ids, cluster sizes on hover', async () => {
    const chicagoLabels = await categoryLabels('sim-chicago');
    const { rows: chicagoCounts } = await apiJson<{ rows: { category: string; label: string; requests: number }[] }>(suite.server.url, 'categories', { endpoint: 'sim-chicago' });
    const { page, errors, context } = await openPage(suite.browser);
    await page.goto(`${suite.server.url}/?endpoint=sim-chicago`);
    await waitForMap(page);
    const options = await page.getByLabel('Categories').locator('option').allTextContents();
    expect(options).toEqual(chicagoCounts.filter((c) => c.requests > 0).map((c) => `${c.label} (${format(c.requests)})`));

    // the map as a table: a hexagon is where it is, not its H3 id
    await page.getByText('The map as a table').click();
    const places = await page.locator('table tbody tr td:first-child').allTextContents();
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) expect(place).toMatch(/^\d+\.\d{3}° [NS], \d+\.\d{3}° [EW]$/);

    // zoomed in: the newest requests' categories by name, and a cluster says how many it holds when hovered
    await page.goto(`${suite.server.url}/?endpoint=sim-chicago&map=${await cityView('sim-chicago', 11.5)}`);
    await waitForMap(page);
    await page.getByText('The map as a table').click();
    const categories = await page.locator('table tbody tr td:nth-child(2)').allTextContents();
    expect(categories.length).toBeGreaterThan(0);
    for (const category of categories) expect(Object.values(chicagoLabels)).toContain(category);
    const cluster = await page.evaluate(() => {
      const map = (window as unknown as { __fed311: { map: { queryRenderedFeatures(o: object): { geometry: { coordinates: [number, number] }; properties: Record<string, number> }[]; project(c: [number, number]): { x: number; y: number }; getCanvas(): HTMLCanvasElement } } }).__fed311.map;
      const box = map.getCanvas().getBoundingClientRect();
      const inside = map.queryRenderedFeatures({ layers: ['clusters'] }).map((f) => ({ point: map.project(f.geometry.coordinates), count: Number(f.properties.point_count) }))
        .filter(({ point }) => point.x > 20 && point.y > 20 && point.x < box.width - 60 && point.y < box.height - 20);
      const [first] = inside.sort((a, b) => b.count - a.count);
      return first ? { x: box.left + first.point.x, y: box.top + first.point.y, count: first.count } : null;
    });
    expect(cluster).not.toBeNull();
    await page.mouse.move(cluster!.x, cluster!.y);
    await expect.poll(() => page.locator('.maplibregl-popup').textContent()).toBe(`${format(cluster!.count)} requests here; click to zoom in`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('FED311_MAP_STYLE replaces the built-in basemap with any MapLibre style URL; the data layers stay on top', async () => {
    const style = { version: 8, sources: {}, layers: [{ id: 'configured-ground', type: 'background', paint: { 'background-color': '#fafaf0' } }] };
    const styleServer = await loopback((_req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(style));
    });
    // server/config.ts reads the environment per request; this test process is the server's process
    process.env.FED311_MAP_STYLE = `${styleServer.url}/style.json`;
    try {
      const { page, errors, context } = await openPage(suite.browser);
      await page.goto(`${suite.server.url}/`);
      await waitForMap(page);
      const layers = await page.evaluate(() => (window as unknown as { __fed311: { map: { getStyle(): { layers: { id: string }[] } } } }).__fed311.map.getStyle().layers.map((l) => l.id));
      expect(layers[0]).toBe('configured-ground');
      expect(layers).not.toContain('graticule');
      expect(layers).toEqual(expect.arrayContaining(['jurisdictions-outline', 'hexagons', 'points']));
      expect((await renderedFeatures(page, ['hexagons'])).length).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      delete process.env.FED311_MAP_STYLE;
      await styleServer.close();
    }
  });
});
