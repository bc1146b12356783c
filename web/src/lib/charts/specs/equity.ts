import * as Plot from '@observablehq/plot';
import type { ChartSpec } from '../chart-spec';
import { freshnessOf, shownEndpoints, titleNames } from '../feeds';
import { metricRows, sampleNote } from '../metric-rows';
import { scopeLabel } from '../scope';

/** Areas within one endpoint, ranked by median time to close (Kaplan–Meier); suppressed areas listed, never ranked. */
export const equity: ChartSpec = {
  id: 'equity',
  params: ['endpoint', 'category', 'area', 'from', 'to'],
  choices: { area: ['h3', 'district'] },
  title: (p, names) => `Median time to close by ${p.area === 'district' ? 'district' : 'area (H3 cell)'}${scopeLabel(p, undefined, names)}`,
  description: 'Each area’s median time to close (Kaplan–Meier), slowest first. Areas with too few requests are suppressed rather than ranked.',
  caveat: 'A slow area may have harder problems, not worse service; counts are reports, not problems.',
  embedHeight: 850,
  async load(fetcher, p) {
    const area = p.area === 'district' ? 'district' : 'h3';
    const [{ rows, result }, endpoints, names] = await Promise.all([
      metricRows(fetcher, 'ttc_km', { group_by: area, h3_resolution: area === 'h3' ? 7 : undefined, endpoint: p.endpoint, category: p.category, from: p.from, to: p.to }),
      shownEndpoints(fetcher, p.endpoint),
      titleNames(fetcher, p.category),
    ]);
    // Requests without a place (no coordinates, no district) come back as one group keyed null: not an area, so neither ranked nor listed.
    const placed = rows.filter((r) => r[area] !== null && r[area] !== undefined);
    const unplaced = rows.filter((r) => !placed.includes(r)).reduce((sum, r) => sum + Number(r.n), 0);
    const ranked = placed.filter((r) => r.suppressed === 'no' && r.value !== null).sort((a, b) => Number(b.value) - Number(a.value));
    // An area where fewer than half have closed has no median yet: listed after the ranked ones, not ranked.
    const notReached = placed.filter((r) => r.suppressed === 'no' && r.value === null);
    const suppressed = placed.filter((r) => r.suppressed === 'yes');
    const ratio = ranked.length >= 2 ? `Slowest ÷ fastest: ${(Number(ranked[0]!.value) / Math.max(Number(ranked.at(-1)!.value), 0.01)).toFixed(1)}×.` : '';
    const pending = notReached.length ? `${notReached.length} area${notReached.length === 1 ? ' has' : 's have'} no median yet (fewer than half closed) and ${notReached.length === 1 ? 'is' : 'are'} listed unranked.` : '';
    const left = unplaced ? `${unplaced.toLocaleString('en-US')} request${unplaced === 1 ? ' has' : 's have'} no ${area === 'h3' ? 'coordinates' : 'district'}, so no area, and ${unplaced === 1 ? 'is' : 'are'} left out.` : '';
    return {
      rows: [...ranked.map((r, i) => ({ rank: i + 1, area: r[area], n: r.n, median: r.value, suppressed: 'no' })), ...notReached.map((r) => ({ rank: null, area: r[area], n: r.n, median: null, suppressed: 'no' })), ...suppressed.map((r) => ({ rank: null, area: r[area], n: r.n, median: null, suppressed: 'yes' }))],
      columns: [
        { key: 'rank', label: 'rank (slowest first)', kind: 'count' },
        { key: 'area', label: area === 'h3' ? 'H3 cell' : 'district', kind: 'text' },
        { key: 'n', label: 'requests', kind: 'count' },
        { key: 'median', label: 'median (KM)', kind: 'days' },
        { key: 'suppressed', label: 'suppressed', kind: 'text' },
      ],
      note: sampleNote({ ...result, rows: result.rows.filter((r) => r.group[area] !== null && r.group[area] !== undefined) }, [ratio, pending, left].filter(Boolean).join(' ')),
      freshness: freshnessOf(endpoints, result.as_of),
      categoryNames: names,
    };
  },
  plot(data, width) {
    const ranked = data.rows.filter((r) => r.rank !== null && r.rank !== undefined).slice(0, 25);
    if (ranked.length === 0) return { width, height: 60, axis: null, marks: [Plot.text(['Every area has too few requests to rank; see the table.'], { frameAnchor: 'middle', fill: '#52606d' })] };
    return {
      width,
      height: 60 + 22 * Math.max(1, ranked.length),
      marginLeft: 130,
      x: { grid: true, label: 'median days to close →' },
      y: { label: null, domain: ranked.map((r) => String(r.area)) },
      marks: [Plot.barX(ranked, { y: (r) => String(r.area), x: 'median', fill: '#1d4e89', tip: true }), Plot.ruleX([0])],
    };
  },
};
