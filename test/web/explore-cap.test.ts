import { describe, expect, test } from 'vitest';
import { apiJson, countRequests } from './support/api.ts';
import { openPage, waitForMap } from './support/browser.ts';
import { inViewFigures, mapView, renderedFeatures } from './support/map-probe.ts';
import { useDashboard } from './support/dashboard-suite.ts';

// A store large enough that one zoom-11 view of Chicago holds more requests than the 5,000 points the map asks for.
const suite = useDashboard({ requests: 40_000 });

describe('the Explore map at its point cap', () => {
  test('the figures are the true counts in view, from the aggregate API, and the view says only the newest 5,000 are drawn', async () => {
    // the reviewer's view: central Chicago, zoom 11, on a large screen
    const { page, errors, context } = await openPage(suite.browser, { viewport: { width: 1600, height: 1400 } });
    await page.goto(`${suite.server.url}/?map=11/41.86/-87.7`);
    await waitForMap(page);
    const view = await mapView(page);
    expect(view.mode).toBe('points');
    const points = await apiJson<{ features: unknown[]; truncated: boolean }>(suite.server.url, 'map/points', { bbox: view.bbox, limit: 5000 });
    expect(points.truncated).toBe(true);

    const figures = await inViewFigures(page);
    const cells = await apiJson<{ rows: { n: number; open: number }[] }>(suite.server.url, 'map/hexagons', { bbox: view.bbox, resolution: 7 });
    const aggregate = { n: cells.rows.reduce((s, r) => s + r.n, 0), open: cells.rows.reduce((s, r) => s + r.open, 0) };
    expect(aggregate.n).toBeGreaterThan(5000);
    expect(figures).toEqual(aggregate);
    expect(figures).toEqual(await countRequests(suite.server.url, { bbox: view.bbox }));
    expect(await page.getByTestId('drawn').textContent()).toBe('only the newest 5,000 are drawn');
    const clustered = (await renderedFeatures(page, ['clusters'])).reduce((s, c) => s + Number(c.point_count), 0);
    expect(clustered + (await renderedFeatures(page, ['points'])).length).toBeLessThanOrEqual(5000);

    // with a filter the figures stay the API's, capped or not
    await page.getByLabel('Status').selectOption('open');
    await waitForMap(page, 2);
    expect(await inViewFigures(page)).toEqual(await countRequests(suite.server.url, { bbox: view.bbox, status: 'open' }));
    expect(errors).toEqual([]);
    await context.close();
  });
});
