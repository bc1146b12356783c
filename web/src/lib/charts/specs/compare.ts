import * as Plot from '@observablehq/plot';
import type { ChartRow, ChartSpec } from '../chart-spec';
import { freshnessOf, shownEndpoints, titleNames } from '../feeds';
import { metricRows, sampleNote } from '../metric-rows';
import { isPartial, partialNote, periodDate, periodKeys, periodLines } from '../periods';
import { categoryList, scopeLabel } from '../scope';
import type { EndpointRow } from '../../types';

/** One category across endpoints: Kaplan–Meier median and p90 time to close, and the on-time share, side by side. */
export const compareTtc: ChartSpec = {
  id: 'compare-ttc',
  params: ['category', 'endpoint', 'from', 'to'],
  title: (p, names) => `Time to close for ${categoryList(p.category, names) || 'all categories'}, by endpoint${scopeLabel(p, ['endpoint'])}`,
  description: 'Per endpoint: the median time to close (dot) and the 90th percentile (end of the line), Kaplan–Meier estimates over requests opened in the range; the on-time share where targets exist.',
  caveat: 'Closed is not fixed, and endpoints differ in when they call a request closed; suppressed endpoints have too few requests to show.',
  embedHeight: 560,
  async load(fetcher, p) {
    const params = { group_by: 'endpoint', category: p.category, endpoint: p.endpoint, from: p.from, to: p.to };
    const [ttc, onTime, endpoints, names] = await Promise.all([metricRows(fetcher, 'ttc_km', params), metricRows(fetcher, 'on_time', params), shownEndpoints(fetcher, p.endpoint), titleNames(fetcher, p.category)]);
    const share = new Map(onTime.rows.map((r) => [r.endpoint, r.value]));
    return {
      rows: ttc.rows.map((r) => ({ endpoint: r.endpoint, n: r.n, median: r.median_days ?? null, p90: r.p90_days ?? null, on_time: share.get(r.endpoint) ?? null, suppressed: r.suppressed, license: r.license ?? null })),
      columns: [
        { key: 'endpoint', label: 'endpoint', kind: 'text' },
        { key: 'n', label: 'requests', kind: 'count' },
        { key: 'median', label: 'median (KM)', kind: 'days' },
        { key: 'p90', label: 'p90 (KM)', kind: 'days' },
        { key: 'on_time', label: 'on time', kind: 'share' },
        { key: 'suppressed', label: 'suppressed', kind: 'text' },
        { key: 'license', label: 'data license', kind: 'text' },
      ],
      note: sampleNote(ttc.result, 'A p90 is missing where fewer than 90 % have closed so far. Each endpoint’s figures are reused under its data license (table).'),
      freshness: freshnessOf(endpoints, ttc.result.as_of),
      categoryNames: names,
    };
  },
  plot(data, width) {
    const shown = data.rows.filter((r) => r.suppressed === 'no' && r.median !== null);
    return {
      width,
      height: 60 + 34 * Math.max(1, data.rows.length),
      marginLeft: 120,
      x: { grid: true, label: 'days to close →', type: 'sqrt' },
      y: { label: null, domain: data.rows.map((r) => r.endpoint) },
      marks: [
        Plot.ruleY(shown, { y: 'endpoint', x1: 'median', x2: (r) => r.p90 ?? r.median, stroke: '#9fb3c8', strokeWidth: 3 }),
        Plot.dot(shown, { y: 'endpoint', x: 'median', fill: '#1d4e89', r: 5, tip: true, title: (r) => `${r.endpoint}: median ${Number(r.median).toFixed(1)} d, p90 ${r.p90 === null ? 'not reached' : `${Number(r.p90).toFixed(1)} d`} (n = ${r.n})` }),
        Plot.text(data.rows.filter((r) => r.suppressed === 'yes'), { y: 'endpoint', frameAnchor: 'left', text: () => 'suppressed: too few requests', fill: '#52606d', dx: 4 }),
      ],
    };
  },
};

/** Requests per period in one category, one line per endpoint. */
export const compareVolume: ChartSpec = {
  id: 'compare-volume',
  params: ['category', 'endpoint', 'period', 'from', 'to'],
  title: (p, names) => `Requests per ${p.period || 'month'} for ${categoryList(p.category, names) || 'all categories'}${scopeLabel(p, ['endpoint'])}`,
  description: 'How many requests each endpoint received per period. Counts are reports, not problems: one pothole can be reported many times, and cities differ in how easy reporting is.',
  embedHeight: 580,
  async load(fetcher, p) {
    const period = p.period || 'month';
    const [{ rows, result }, endpoints, names] = await Promise.all([
      metricRows(fetcher, 'volume', { group_by: 'endpoint,period', period, category: p.category, endpoint: p.endpoint, from: p.from, to: p.to, min_n: 1 }),
      shownEndpoints(fetcher, p.endpoint),
      titleNames(fetcher, p.category),
    ]);
    const byEndpoint = new Map<string, ChartRow[]>();
    for (const r of rows) byEndpoint.set(String(r.endpoint), [...(byEndpoint.get(String(r.endpoint)) ?? []), r]);
    const filled = [...byEndpoint].flatMap(([endpoint, series]) => volumeSeries(endpoint, series, period, endpoints));
    return {
      rows: filled,
      columns: [
        { key: 'endpoint', label: 'endpoint', kind: 'text' },
        { key: 'period', label: 'period', kind: 'text' },
        { key: 'requests', label: 'requests', kind: 'count' },
        { key: 'vs_trailing_year', label: '÷ trailing-year average', kind: 'text' },
        { key: 'partial', label: 'partial period', kind: 'text' },
      ],
      note: sampleNote(result, filled.some((r) => r.partial === 'yes') ? partialNote : ''),
      freshness: freshnessOf(endpoints, result.as_of),
      categoryNames: names,
    };
  },
  plot(data, width) {
    const points = data.rows.map((r) => ({ ...r, date: periodDate(r.period) }));
    return {
      width,
      height: 280,
      y: { grid: true, label: '↑ requests' },
      x: { label: null },
      color: { type: 'categorical' },
      marks: [...periodLines(points, { y: 'requests', series: 'endpoint' }), Plot.ruleY([0]), Plot.tip(points, Plot.pointerX({ x: 'date', y: 'requests', stroke: 'endpoint' }))],
    };
  },
  legend: (data) => (data.rows.some((r) => r.partial === 'yes') ? [{ label: 'partial period', color: '#52606d', mark: 'dashed' }] : []),
};

/**
 * One endpoint's periods from its first to its last, a quiet one as zero requests rather than a gap the line jumps.
 * Partial: the API's `complete: 0` (as-of or the date range cuts the period), or the endpoint's harvested data
 * starting inside it (the first period when the endpoint list could not be read).
 */
function volumeSeries(endpoint: string, series: ChartRow[], period: string, endpoints: EndpointRow[] | null): ChartRow[] {
  const byPeriod = new Map(series.map((r) => [String(r.period), r]));
  const sorted = [...byPeriod.keys()].sort();
  const start = endpoints?.find((e) => e.endpoint_id === endpoint)?.oldest_requested_at;
  return periodKeys(sorted[0]!, sorted.at(-1)!, period).map((key, i) => {
    const r = byPeriod.get(key);
    const partial = r?.complete === 0 || isPartial(key, period, [start]) || (!endpoints && i === 0);
    return { endpoint, period: key, requests: r?.opened ?? 0, vs_trailing_year: r?.ratio ?? null, partial: partial ? 'yes' : 'no' };
  });
}
