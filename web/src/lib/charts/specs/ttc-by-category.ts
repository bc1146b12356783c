import * as Plot from '@observablehq/plot';
import type { ChartSpec } from '../chart-spec';
import { asOfNote, metricRows } from '../metric-rows';

const horizons = [1, 7, 30, 90];
/** The log axis starts at one hour: closes faster than that are counted in data quality rather than drawn. */
const firstHour = 1 / 24;

/** Time to close per category as a distribution: the Kaplan–Meier share still open after 0, 1, 7, 30, 90 days. */
export const ttcByCategory: ChartSpec = {
  id: 'ttc-by-category',
  params: ['endpoint', 'from', 'to'],
  title: (p) => `Time to close by category${p.endpoint ? ` — ${p.endpoint}` : ''}`,
  description: 'For each category, the share of requests still open after 1, 7, 30 and 90 days (Kaplan–Meier: requests still open count up to now), with the median time to close marked.',
  caveat: 'Closed is not fixed: a request can be closed as a duplicate, referred elsewhere or with no action.',
  async load(fetcher, p) {
    const { rows, result } = await metricRows(fetcher, 'ttc_km', { group_by: 'category', endpoint: p.endpoint, from: p.from, to: p.to });
    // The twelve largest categories with a value are drawn; suppressed ones are listed in the table only.
    const drawn = rows.filter((r) => r.suppressed === 'no').sort((a, b) => Number(b.n) - Number(a.n)).slice(0, 12);
    return {
      rows: [...drawn, ...rows.filter((r) => r.suppressed === 'yes')],
      columns: [
        { key: 'category', label: 'category', kind: 'text' },
        { key: 'n', label: 'requests', kind: 'count' },
        { key: 'median_days', label: 'median (KM)', kind: 'days' },
        { key: 'p90_days', label: 'p90 (KM)', kind: 'days' },
        ...horizons.map((d) => ({ key: `within_${d}d`, label: `closed within ${d} d`, kind: 'share' as const })),
      ],
      note: asOfNote(result, 'The twelve largest categories with a value are drawn.'),
    };
  },
  plot(data, width) {
    const drawn = data.rows.filter((r) => r.suppressed === 'no');
    const curve = drawn.flatMap((r) => [
      { category: r.category, days: firstHour, open: 1 },
      ...horizons.map((d) => ({ category: r.category, days: d, open: r[`within_${d}d`] === null || r[`within_${d}d`] === undefined ? null : 1 - Number(r[`within_${d}d`]) })),
    ]);
    const medians = drawn.filter((r) => r.median_days !== null && r.median_days !== undefined);
    return {
      width,
      height: 40 + 46 * Math.max(1, drawn.length),
      marginLeft: 130,
      x: { type: 'log', label: 'days since requested →', domain: [firstHour, 120], ticks: [firstHour, 1, 7, 30, 90], tickFormat: (d: number) => (d < 1 ? '1 h' : `${d} d`) },
      y: { axis: null, domain: [0, 1] },
      fy: { label: null, domain: drawn.map((r) => r.category) },
      facet: { data: curve, y: 'category', marginLeft: 130 },
      marks: [
        Plot.areaY(curve, { x: 'days', y: 'open', fy: 'category', fill: '#9fb3c8', curve: 'step-after' }),
        Plot.lineY(curve, { x: 'days', y: 'open', fy: 'category', stroke: '#1d4e89', curve: 'step-after' }),
        Plot.ruleX(medians, { x: (r) => Math.max(firstHour, Number(r.median_days)), fy: 'category', stroke: '#c2410c', strokeWidth: 2 }),
        Plot.tip(medians, Plot.pointerX({ x: 'median_days', y: 0.5, fy: 'category', title: (r) => `${r.category}: median ${Number(r.median_days).toFixed(1)} d (n = ${r.n})` })),
      ],
    };
  },
};
