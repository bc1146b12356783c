import { describe, expect, test } from 'vitest';
// The charts' logic that needs no browser, from the modules of web/src/lib/charts that import nothing of the app.
import { embedSnippet, refusedParams } from '../../web/src/lib/charts/embed.ts';
import { asOfLine, freshnessOf, type FeedEndpoint } from '../../web/src/lib/charts/freshness.ts';
import { isPartial, periodKeys } from '../../web/src/lib/charts/periods.ts';
import { ridgePoints } from '../../web/src/lib/charts/ridges.ts';
import { categoryList, categoryName, rangeLabel, scopeLabel } from '../../web/src/lib/charts/scope.ts';

/** Charts as embedding sees them (their ids and parameters as in specs/). */
const flow = { id: 'flow', params: ['endpoint', 'category', 'period', 'from', 'to'], title: () => 'Flow', embedHeight: 600 };
const aging = { id: 'aging', params: ['endpoint', 'category', 'from', 'to'], title: () => 'Aging', embedHeight: 450 };
const equity = { id: 'equity', params: ['endpoint', 'category', 'area', 'from', 'to'], choices: { area: ['h3', 'district'] }, title: () => 'Equity', embedHeight: 850 };
const ttc = { id: 'ttc-by-category', params: ['endpoint', 'category', 'from', 'to'], title: (p: Record<string, string>, names?: Record<string, string>) => `Time to close by category${scopeLabel(p, undefined, names)}`, embedHeight: 820 };
/** The taxonomy's names, as /api/v1/categories gives them (config/taxonomy). */
const names = { pothole: 'Pothole', graffiti: 'Graffiti', traffic_signal: 'Traffic signal' };

describe('time to close ridges', () => {
  test('only the points the API gives, in time order: the median at 50 % open and the p90 at 10 %, never a step past them', () => {
    // The reviewer's pothole: 2.1 % closed within a day, median 4 days.
    const row = { category: 'pothole', median_days: 4, p90_days: 40, within_1d: 0.021, within_7d: 0.7, within_30d: 0.85, within_90d: 0.95 };
    const points = ridgePoints(row);
    expect(points.map((p) => [p.days, Number(p.open.toFixed(3)), p.known])).toEqual([
      [1 / 24, 1, 'start'],
      [1, 0.979, 'within'],
      [4, 0.5, 'median'],
      [7, 0.3, 'within'],
      [30, 0.15, 'within'],
      [40, 0.1, 'p90'],
      [90, 0.05, 'within'],
    ]);
    // Still open never rises along the curve.
    for (let i = 1; i < points.length; i++) expect(points[i]!.open).toBeLessThanOrEqual(points[i - 1]!.open);
  });

  test('a missing median, p90 or share is left out rather than drawn as a guess', () => {
    const points = ridgePoints({ median_days: null, p90_days: null, within_1d: 0.1, within_7d: null, within_30d: 0.3, within_90d: 0.4 });
    expect(points.map((p) => p.days)).toEqual([1 / 24, 1, 30, 90]);
  });
});

describe('periods', () => {
  test('every period between the first and the last, so a quiet one is a zero and not a gap the line jumps', () => {
    expect(periodKeys('2025-11-01', '2026-02-01', 'month')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
    expect(periodKeys('2026-10-26', '2026-11-09', 'week')).toEqual(['2026-10-26', '2026-11-02', '2026-11-09']);
    expect(periodKeys('2025-10-01', '2026-04-01', 'quarter')).toEqual(['2025-10-01', '2026-01-01', '2026-04-01']);
    expect(periodKeys('2026-02-27', '2026-03-02', 'day')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  test('a period is partial when the data starts, as-of falls, or the range ends strictly inside it', () => {
    expect(isPartial('2026-11-01', 'month', ['2026-11-20T12:00:00Z'])).toBe(true);
    expect(isPartial('2026-10-01', 'month', ['2026-11-20T12:00:00Z'])).toBe(false);
    expect(isPartial('2025-10-01', 'month', ['2025-10-18T19:47:14.000Z'])).toBe(true);
    // a range ending at a period's start cuts nothing
    expect(isPartial('2026-06-01', 'month', ['2026-07-01', '2026-06-01'])).toBe(false);
    expect(isPartial('2026-06-01', 'month', [null, undefined, '2026-06-15'])).toBe(true);
  });
});

describe('titles', () => {
  test('say the endpoint, category and date range (the last day counted: `to` is exclusive)', () => {
    expect(scopeLabel({ endpoint: 'sim-chicago', category: 'pothole', from: '2026-01-01', to: '2026-07-01' })).toBe(' — sim-chicago · pothole · 2026-01-01 to 2026-06-30');
    expect(scopeLabel({ endpoint: 'sim-chicago', category: 'pothole,graffiti' })).toBe(' — sim-chicago · pothole, graffiti');
    expect(scopeLabel({ category: 'pothole', from: '2026-03-01' }, ['endpoint'])).toBe(' — from 2026-03-01');
    expect(rangeLabel(undefined, '2026-03-01')).toBe('until 2026-02-28');
    expect(rangeLabel('2026-01-01', '2026-02-01T12:00:00Z')).toBe('2026-01-01 to before 2026-02-01T12:00:00Z');
    expect(scopeLabel({})).toBe('');
  });

  test('name categories as the taxonomy does, the slug where the name is not known (the category list could not be read)', () => {
    expect(scopeLabel({ endpoint: 'sim-chicago', category: 'traffic_signal,graffiti', from: '2026-01-01' }, undefined, names)).toBe(' — sim-chicago · Traffic signal, Graffiti · from 2026-01-01');
    expect(scopeLabel({ category: 'traffic_signal,made_up' }, undefined, names)).toBe(' — Traffic signal, made_up');
    expect(categoryList('traffic_signal', names)).toBe('Traffic signal');
    expect(categoryName('traffic_signal', {})).toBe('traffic_signal');
    expect(categoryName(null, names)).toBe('no category');
    // an inherited property is no name
    expect(categoryName('constructor', names)).toBe('constructor');
  });
});

describe('embed parameters', () => {
  test('an unknown parameter is refused, named, with the ones the chart accepts', () => {
    expect(refusedParams(flow, new URLSearchParams('endpiont=sim-chicago'))).toBe('unknown parameter "endpiont": the flow chart accepts endpoint, category, period, from, to.');
    expect(refusedParams(aging, new URLSearchParams('endpoint=sim-chicago&period=week'))).toContain('"period"');
    expect(refusedParams(equity, new URLSearchParams('area=districts'))).toBe('area: "districts" is not one of h3, district.');
    expect(refusedParams(ttc, new URLSearchParams('endpoint=sim-chicago&category=pothole&from=2026-01-01&to=2026-02-01'))).toBeNull();
  });

  test('the snippet starts at the chart’s height and resizes only the frame whose embed posted, from the embed’s origin', () => {
    const snippet = embedSnippet(ttc, { endpoint: 'sim-chicago', category: 'pothole' }, 'https://fed311.example');
    expect(snippet).toContain('<iframe src="https://fed311.example/embed/ttc-by-category?endpoint=sim-chicago&amp;category=pothole" title="Time to close by category — sim-chicago · pothole" width="100%" height="820"');
    expect(snippet).toContain('event.origin !== "https://fed311.example"');
    // with the chart's category names, the frame's title says them
    expect(embedSnippet(ttc, { endpoint: 'sim-chicago', category: 'traffic_signal' }, 'https://fed311.example', names)).toContain('title="Time to close by category — sim-chicago · Traffic signal"');
    expect(snippet).toContain('frame.contentWindow === event.source');
  });
});

describe('freshness', () => {
  const endpoint = (id: string, lastSuccess: string | null, outcome = 'ok'): FeedEndpoint => ({ endpoint_id: id, name: id.toUpperCase(), last_success_at: lastSuccess, last_run: { outcome } });
  const now = '2026-11-20T12:00:00.000Z';

  test('the data is as of the oldest last success of the endpoints shown, not when the figures were computed', () => {
    const freshness = freshnessOf([endpoint('a', '2026-11-20T11:00:00.000Z'), endpoint('b', '2026-11-20T09:30:00.000Z')], now)!;
    expect(freshness).toEqual({ dataAsOf: '2026-11-20T09:30:00.000Z', endpoints: 2, warnings: [] });
    expect(asOfLine(freshness)).toBe('Data as of 2026-11-20 09:30 UTC (the oldest last successful harvest of the 2 endpoints shown).');
  });

  test('a failing or stale feed is a warning, measured at the API’s as-of', () => {
    const freshness = freshnessOf([endpoint('a', '2026-11-20T09:00:00.000Z', 'failed'), endpoint('b', '2026-11-17T09:00:00.000Z'), endpoint('c', null)], now)!;
    expect(freshness.warnings).toEqual([
      'A (a): the last harvest failed; its data last arrived 2026-11-20 09:00 UTC.',
      'B (b) is stale: no successful harvest for over 48 hours; its data last arrived 2026-11-17 09:00 UTC.',
      'C (c): no harvest of it has succeeded yet.',
    ]);
    expect(freshness.dataAsOf).toBeNull();
  });
});
