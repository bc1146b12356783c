import * as Plot from '@observablehq/plot';
import type { ChartSpec } from '../chart-spec';
import { asOfNote, metricRows, periodDate } from '../metric-rows';

/** One category across endpoints: Kaplan–Meier median and p90 time to close, and the on-time share, side by side. */
export const compareTtc: ChartSpec = {
  id: 'compare-ttc',
  params: ['category', 'endpoint', 'from', 'to'],
  title: (p) => `Time to close for ${p.category || 'all categories'}, by endpoint`,
  description: 'Per endpoint: the median time to close (dot) and the 90th percentile (end of the line), Kaplan–Meier estimates over requests opened in the range; the on-time share where targets exist.',
  caveat: 'Closed is not fixed, and endpoints differ in when they call a request closed; suppressed endpoints have too few requests to show.',
  async load(fetcher, p) {
    const params = { group_by: 'endpoint', category: p.category, endpoint: p.endpoint, from: p.from, to: p.to };
    const [ttc, onTime] = await Promise.all([metricRows(fetcher, 'ttc_km', params), metricRows(fetcher, 'on_time', params)]);
    const share = new Map(onTime.rows.map((r) => [r.endpoint, r.value]));
    return {
      rows: ttc.rows.map((r) => ({ endpoint: r.endpoint, n: r.n, median: r.median_days ?? null, p90: r.p90_days ?? null, on_time: share.get(r.endpoint) ?? null, suppressed: r.suppressed })),
      columns: [
        { key: 'endpoint', label: 'endpoint', kind: 'text' },
        { key: 'n', label: 'requests', kind: 'count' },
        { key: 'median', label: 'median (KM)', kind: 'days' },
        { key: 'p90', label: 'p90 (KM)', kind: 'days' },
        { key: 'on_time', label: 'on time', kind: 'share' },
        { key: 'suppressed', label: 'suppressed', kind: 'text' },
      ],
      note: asOfNote(ttc.result, 'A p90 is missing where fewer than 90 % have closed so far.'),
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
  title: (p) => `Requests per ${p.period || 'month'} for ${p.category || 'all categories'}`,
  description: 'How many requests each endpoint received per period. Counts are reports, not problems: one pothole can be reported many times, and cities differ in how easy reporting is.',
  async load(fetcher, p) {
    const { rows, result } = await metricRows(fetcher, 'volume', { group_by: 'endpoint,period', period: p.period || 'month', category: p.category, endpoint: p.endpoint, from: p.from, to: p.to, min_n: 1 });
    return {
      rows: rows.map((r) => ({ endpoint: r.endpoint, period: r.period, requests: r.opened ?? null, vs_trailing_year: r.ratio ?? null })),
      columns: [
        { key: 'endpoint', label: 'endpoint', kind: 'text' },
        { key: 'period', label: 'period', kind: 'text' },
        { key: 'requests', label: 'requests', kind: 'count' },
        { key: 'vs_trailing_year', label: '÷ trailing-year average', kind: 'text' },
      ],
      note: asOfNote(result),
    };
  },
  plot(data, width) {
    const points = data.rows.map((r) => ({ ...r, date: periodDate(r.period) }));
    return {
      width,
      height: 280,
      y: { grid: true, label: '↑ requests' },
      x: { label: null },
      color: { legend: true },
      marks: [Plot.lineY(points, { x: 'date', y: 'requests', stroke: 'endpoint', strokeWidth: 2 }), Plot.ruleY([0]), Plot.tip(points, Plot.pointerX({ x: 'date', y: 'requests', stroke: 'endpoint' }))],
    };
  },
};
