import * as Plot from '@observablehq/plot';
import type { ChartSpec } from '../chart-spec';
import { categoryNames, freshnessOf, shownEndpoints } from '../feeds';
import { metricRows, sampleNote } from '../metric-rows';
import { firstHour, horizons, ridgePoints } from '../ridges';
import { categoryName, scopeLabel } from '../scope';

/**
 * The axis is log10(days) on a linear scale rather than Plot's log scale: a log scale passes tick labels through
 * d3's log tickFormat, which blanks the labels it thinks crowded (1 h, 7 d and 90 d were missing).
 */
const log = Math.log10;
const dayLabel = (days: number) => (days < 1 ? `${Math.round(days * 24)} h` : `${Math.round(days)} d`);

/** Time to close per category as a distribution: the Kaplan–Meier share still open after 1, 7, 30, 90 days, with the median and p90. */
export const ttcByCategory: ChartSpec = {
  id: 'ttc-by-category',
  params: ['endpoint', 'category', 'from', 'to'],
  title: (p, names) => `Time to close by category${scopeLabel(p, undefined, names)}`,
  description: 'For each category, the share of requests still open after 1, 7, 30 and 90 days and at the median and 90th percentile (Kaplan–Meier: requests still open count up to now), joined by straight lines; the median time to close is marked.',
  caveat: 'Closed is not fixed: a request can be closed as a duplicate, referred elsewhere or with no action.',
  embedHeight: 820,
  async load(fetcher, p) {
    const [{ rows, result }, endpoints, names] = await Promise.all([
      metricRows(fetcher, 'ttc_km', { group_by: 'category', endpoint: p.endpoint, category: p.category, from: p.from, to: p.to }),
      shownEndpoints(fetcher, p.endpoint),
      categoryNames(fetcher),
    ]);
    // The twelve largest categories with a value are drawn; suppressed ones are listed in the table only.
    const drawn = rows.filter((r) => r.suppressed === 'no').sort((a, b) => Number(b.n) - Number(a.n)).slice(0, 12);
    return {
      // `category` stays the slug (the CSV's machine-readable key); `name` is what people read, in the table, facets and tips.
      rows: [...drawn, ...rows.filter((r) => r.suppressed === 'yes')].map((r) => ({ ...r, name: categoryName(r.category, names) })),
      columns: [
        { key: 'category', label: 'category', kind: 'text' },
        { key: 'name', label: 'name', kind: 'text' },
        { key: 'n', label: 'requests', kind: 'count' },
        { key: 'median_days', label: 'median (KM)', kind: 'days' },
        { key: 'p90_days', label: 'p90 (KM)', kind: 'days' },
        ...horizons.map((d) => ({ key: `within_${d}d`, label: `closed within ${d} d`, kind: 'share' as const })),
      ],
      note: sampleNote(result, 'The twelve largest categories with a value are drawn. A line ends at the last time with a figure (90 days, or the p90 when later).'),
      freshness: freshnessOf(endpoints, result.as_of),
      categoryNames: names,
    };
  },
  plot(data, width) {
    const drawn = data.rows.filter((r) => r.suppressed === 'no');
    const curve = drawn.flatMap((r) => ridgePoints(r).map((point) => ({ ...point, x: log(point.days), category: r.category, name: String(r.name ?? r.category), n: r.n })));
    const medians = curve.filter((point) => point.known === 'median');
    const last = Math.max(120, ...curve.map((point) => point.days * 1.15));
    const ticks = [firstHour, ...horizons, ...(last > 400 ? [365] : [])];
    // wide enough for the longest facet name ("Community and social services") at the 12 px font, so none is clipped
    const marginLeft = Math.max(130, 16 + 7 * Math.max(0, ...drawn.map((r) => String(r.name ?? r.category).length)));
    return {
      width,
      height: 40 + 46 * Math.max(1, drawn.length),
      marginLeft,
      marginRight: 20,
      x: { label: 'days since requested (log scale) →', domain: [log(firstHour), log(last)], ticks: ticks.map(log), tickFormat: (x: number) => dayLabel(10 ** x) },
      y: { axis: null, domain: [0, 1] },
      // Facets are keyed by slug (two categories could share a name) and labelled with the name.
      fy: { label: null, domain: drawn.map((r) => r.category), tickFormat: (category: string) => categoryName(category, data.categoryNames) },
      facet: { data: curve, y: 'category', marginLeft },
      marks: [
        Plot.areaY(curve, { x: 'x', y: 'open', fy: 'category', fill: '#9fb3c8', fillOpacity: 0.7 }),
        Plot.lineY(curve, { x: 'x', y: 'open', fy: 'category', stroke: '#1d4e89', strokeWidth: 1.5 }),
        Plot.dot(curve.filter((point) => point.known !== 'start'), { x: 'x', y: 'open', fy: 'category', fill: '#1d4e89', r: 2.5 }),
        Plot.ruleX(medians, { x: 'x', y1: 0, y2: 0.5, fy: 'category', stroke: '#c2410c', strokeWidth: 2 }),
        Plot.dot(medians, { x: 'x', y: 'open', fy: 'category', fill: '#c2410c', r: 3.5 }),
        Plot.tip(curve.filter((point) => point.known !== 'start'), Plot.pointerX({ x: 'x', y: 'open', fy: 'category', title: (point) => `${point.name}: ${Math.round(point.open * 100)} % still open after ${point.days < 1 ? dayLabel(point.days) : `${Number(point.days.toFixed(1))} d`}${point.known === 'median' ? ' (median)' : point.known === 'p90' ? ' (p90)' : ''} (n = ${point.n})` })),
      ],
    };
  },
  legend: () => [
    { label: 'share still open (a dot where the API gives a figure)', color: '#1d4e89', mark: 'line' },
    { label: 'median time to close', color: '#c2410c', mark: 'line' },
  ],
};
