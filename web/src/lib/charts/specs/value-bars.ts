import * as Plot from '@observablehq/plot';
import type { ChartSpec } from '../chart-spec';
import { freshnessOf, shownEndpoints, titleNames } from '../feeds';
import { metricRows, sampleNote } from '../metric-rows';
import { scopeLabel } from '../scope';

/** A metric whose one row splits into named parts (aging buckets, outcomes) as a bar per part. */
function valueBars({ id, metric, title, description, caveat, unit, kind, parts: names, exclude = [], embedHeight }: { id: string; metric: string; title: string; description: string; caveat?: string; unit: string; kind: 'count' | 'share'; parts: Record<string, string>; exclude?: string[]; embedHeight: number }): ChartSpec {
  return {
    id,
    params: ['endpoint', 'category', 'from', 'to'],
    title: (p, categories) => `${title}${scopeLabel(p, undefined, categories)}`,
    description,
    caveat,
    embedHeight,
    async load(fetcher, p) {
      const [{ rows, result }, endpoints, categories] = await Promise.all([
        metricRows(fetcher, metric, { endpoint: p.endpoint, category: p.category, from: p.from, to: p.to }),
        shownEndpoints(fetcher, p.endpoint),
        titleNames(fetcher, p.category),
      ]);
      const first = result.rows[0];
      const parts = first && !first.suppressed ? Object.entries(first.values ?? {}).filter(([part]) => !exclude.includes(part)) : [];
      return {
        // the API's keys (from_28d_to_90d) are for programs; people read the names (28–90 days)
        rows: parts.map(([part, count]) => ({ part: names[part] ?? part.replace(/_/g, ' '), [unit]: count })),
        columns: [
          { key: 'part', label: 'part', kind: 'text' },
          { key: unit, label: unit, kind },
        ],
        note: sampleNote(result, rows[0] ? `Based on ${rows[0].n} requests.` : ''),
        freshness: freshnessOf(endpoints, result.as_of),
        categoryNames: categories,
      };
    },
    plot(data, width) {
      return {
        width,
        height: 60 + 30 * Math.max(1, data.rows.length),
        // wide enough for the longest name at the axis' 10 px font, so no label is clipped
        marginLeft: Math.max(60, 12 + 6.5 * Math.max(0, ...data.rows.map((r) => String(r.part).length))),
        x: { grid: true, label: `${unit} →`, percent: kind === 'share' },
        y: { label: null, domain: data.rows.map((r) => r.part) },
        marks: [Plot.barX(data.rows, { x: unit, y: 'part', fill: '#1d4e89', tip: true }), Plot.ruleX([0])],
      };
    },
  };
}

export const aging = valueBars({
  id: 'aging',
  metric: 'aging',
  title: 'Age of open requests',
  description: 'Requests open now by how long they have been open; stale (no update for 56 days) overlaps the age buckets.',
  unit: 'requests',
  kind: 'count',
  parts: { under_7d: 'under 7 days', from_7d_to_28d: '7–28 days', from_28d_to_90d: '28–90 days', over_90d: 'over 90 days', stale: 'stale (no update 56 d)' },
  exclude: ['open'],
  embedHeight: 450,
});

export const outcomeMix = valueBars({
  id: 'outcome-mix',
  metric: 'outcome_mix',
  title: 'How closed requests ended',
  description: 'Closed requests by their finer status: fixed, no action, duplicate, referred, rejected, unknown.',
  caveat: 'Closed is not fixed: only the “fixed” bar is work done.',
  unit: 'share',
  kind: 'share',
  parts: { fixed: 'fixed', no_action: 'no action', duplicate: 'duplicate', referred: 'referred', rejected: 'rejected', unknown: 'unknown' },
  embedHeight: 480,
});
