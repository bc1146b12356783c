import * as Plot from '@observablehq/plot';
import type { ChartRow, ChartSpec } from '../chart-spec';
import { asOfNote, metricRows, periodDate } from '../metric-rows';

/** Opened vs closed per period and the backlog at each period's end, from three metrics on the same periods. */
export const flow: ChartSpec = {
  id: 'flow',
  params: ['endpoint', 'category', 'period', 'from', 'to'],
  title: (p) => `Opened, closed and backlog per ${p.period || 'week'}${p.endpoint ? ` — ${p.endpoint}` : ''}`,
  description: 'Requests opened and closed in each period (lines), and the open backlog at the end of each period (shaded).',
  async load(fetcher, p) {
    const params = { group_by: 'period', period: p.period || 'week', endpoint: p.endpoint, category: p.category, from: p.from, to: p.to, min_n: 1 };
    const [opened, closed, backlog] = await Promise.all(['opened', 'closed', 'backlog'].map((metric) => metricRows(fetcher, metric, params)));
    const byPeriod = new Map<string, ChartRow>();
    const put = (rows: ChartRow[], key: string) => {
      for (const r of rows) {
        const period = String(r.period);
        byPeriod.set(period, { ...(byPeriod.get(period) ?? { period, opened: null, closed: null, backlog: null }), [key]: r.value });
      }
    };
    put(opened!.rows, 'opened');
    put(closed!.rows, 'closed');
    put(backlog!.rows, 'backlog');
    return {
      rows: [...byPeriod.values()].sort((a, b) => String(a.period).localeCompare(String(b.period))),
      columns: [
        { key: 'period', label: 'period', kind: 'text' },
        { key: 'opened', label: 'opened', kind: 'count' },
        { key: 'closed', label: 'closed', kind: 'count' },
        { key: 'backlog', label: 'open at period end', kind: 'count' },
      ],
      note: asOfNote(backlog!.result),
    };
  },
  plot(data, width) {
    const series = data.rows.flatMap((r) =>
      (['opened', 'closed'] as const).map((kind) => ({ date: periodDate(r.period), kind, count: r[kind] })),
    );
    const backlog = data.rows.map((r) => ({ date: periodDate(r.period), backlog: r.backlog }));
    return {
      width,
      height: 280,
      y: { grid: true, label: '↑ requests' },
      x: { label: null },
      color: { legend: true, domain: ['opened', 'closed', 'backlog'], range: ['#1d4e89', '#c2410c', '#d9e2ec'] },
      marks: [
        Plot.areaY(backlog, { x: 'date', y: 'backlog', fill: () => 'backlog', curve: 'step-after' }),
        Plot.lineY(series, { x: 'date', y: 'count', stroke: 'kind', strokeWidth: 2 }),
        Plot.ruleY([0]),
        Plot.tip(series, Plot.pointerX({ x: 'date', y: 'count', stroke: 'kind' })),
      ],
    };
  },
};
