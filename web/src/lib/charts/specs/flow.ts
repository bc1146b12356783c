import * as Plot from '@observablehq/plot';
import type { ChartRow, ChartSpec } from '../chart-spec';
import { freshnessOf, shownEndpoints, titleNames } from '../feeds';
import { metricRows, sampleNote } from '../metric-rows';
import { isPartial, partialNote, periodDate, periodKeys, periodLines } from '../periods';
import { scopeLabel } from '../scope';

/** Opened vs closed per period and the backlog at each period's end, from three metrics on the same periods. */
export const flow: ChartSpec = {
  id: 'flow',
  params: ['endpoint', 'category', 'period', 'from', 'to'],
  title: (p, names) => `Opened, closed and backlog per ${p.period || 'week'}${scopeLabel(p, undefined, names)}`,
  description: 'Requests opened and closed in each period (lines), and the open backlog at the end of each period (shaded).',
  caveat: 'The backlog counts only requests fed311 has harvested: it starts at zero where the harvested data starts, not at the city’s real backlog then.',
  embedHeight: 600,
  async load(fetcher, p) {
    const period = p.period || 'week';
    const shown = shownEndpoints(fetcher, p.endpoint);
    const names = titleNames(fetcher, p.category);
    const params = { group_by: 'period', period, endpoint: p.endpoint, category: p.category, from: p.from, to: p.to, min_n: 1 };
    const [opened, closed, backlog] = await Promise.all(['opened', 'closed', 'backlog'].map((metric) => metricRows(fetcher, metric, params)));
    const byPeriod = new Map<string, ChartRow>();
    const put = (rows: ChartRow[], key: string) => {
      for (const r of rows) byPeriod.set(String(r.period), { ...byPeriod.get(String(r.period)), [key]: r.value });
    };
    put(opened!.rows, 'opened');
    put(closed!.rows, 'closed');
    put(backlog!.rows, 'backlog');
    const endpoints = await shown;
    // Where the data starts is where each endpoint's harvested requests start; unknown endpoints fall back to the first period.
    const keys = [...byPeriod.keys()].sort();
    const starts = endpoints ? endpoints.map((e) => e.oldest_requested_at) : [];
    // Not `from`: the API counts the whole period `from` falls in; `to` does cut its period.
    const cuts = [...starts, backlog!.result.as_of, p.to];
    let carried: ChartRow['backlog'] = null;
    const rows = (keys.length ? periodKeys(keys[0]!, keys.at(-1)!, period) : []).map((key, i) => {
      const r = byPeriod.get(key);
      // No row is a period with nothing opened or closed: zero of each, and the backlog as it stood.
      carried = r?.backlog ?? carried;
      const partial = isPartial(key, period, cuts) || (!endpoints && i === 0);
      return { period: key, opened: r?.opened ?? 0, closed: r?.closed ?? 0, backlog: carried, partial: partial ? 'yes' : 'no' };
    });
    return {
      rows,
      columns: [
        { key: 'period', label: 'period', kind: 'text' },
        { key: 'opened', label: 'opened', kind: 'count' },
        { key: 'closed', label: 'closed', kind: 'count' },
        { key: 'backlog', label: 'open at period end', kind: 'count' },
        { key: 'partial', label: 'partial period', kind: 'text' },
      ],
      note: sampleNote(backlog!.result, rows.some((r) => r.partial === 'yes') ? partialNote : ''),
      freshness: freshnessOf(endpoints, backlog!.result.as_of),
      categoryNames: await names,
    };
  },
  plot(data, width) {
    const series = data.rows.flatMap((r) => (['opened', 'closed'] as const).map((kind) => ({ date: periodDate(r.period), kind, count: r[kind] ?? null, partial: r.partial ?? null })));
    series.sort((a, b) => a.kind.localeCompare(b.kind) || Number(a.date) - Number(b.date));
    const backlog = data.rows.map((r) => ({ date: periodDate(r.period), backlog: r.backlog }));
    return {
      width,
      height: 280,
      y: { grid: true, label: '↑ requests' },
      x: { label: null },
      color: { domain: ['opened', 'closed', 'backlog'], range: ['#1d4e89', '#c2410c', '#d9e2ec'] },
      marks: [
        Plot.areaY(backlog, { x: 'date', y: 'backlog', fill: () => 'backlog', curve: 'step-after' }),
        ...periodLines(series, { y: 'count', series: 'kind' }),
        Plot.ruleY([0]),
        Plot.tip(series, Plot.pointerX({ x: 'date', y: 'count', stroke: 'kind' })),
      ],
    };
  },
  legend: (data) => (data.rows.some((r) => r.partial === 'yes') ? [{ label: 'partial period', color: '#52606d', mark: 'dashed' }] : []),
};
