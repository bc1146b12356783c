import { polygonJoin, requestFilters, type CompileInput } from './base-rows.ts';
import { groupColumns, outputRows, periodSql, type GroupColumn } from './group-columns.ts';
import type { GroupKey, Period } from './types.ts';

// Group keys metric_daily holds; other keys (and service code filters) count from metric_requests instead.
const rollupKeys: GroupKey[] = ['endpoint', 'category', 'period'];

/** The trailing window of `volume` per period kind: its SQL frame start and how many periods it spans. */
const trailing: Record<Period, { frame: string; periods: number; sameWeekday?: boolean }> = {
  day: { frame: 'INTERVAL 364 DAYS', periods: 52, sameWeekday: true },
  week: { frame: 'INTERVAL 364 DAYS', periods: 52 },
  month: { frame: 'INTERVAL 12 MONTHS', periods: 12 },
  quarter: { frame: 'INTERVAL 12 MONTHS', periods: 4 },
  year: { frame: 'INTERVAL 12 MONTHS', periods: 1 },
};

/**
 * A `flow` metric: opened and closed per UTC day and group (from metric_daily when the grouping allows, else
 * counted from metric_requests), cut at the as-of day, summed per period; backlog is the running total of
 * opened − closed from the first day on, so the date range only picks which periods are shown.
 */
export function flowSql(input: CompileInput): string {
  const { spec, request, params } = input;
  const keys = (request.groupBy ?? []).filter((key) => key !== 'period');
  const groups = groupColumns({ keys, h3Resolution: request.h3Resolution ?? 7, periodSource: '' });
  const g = groups.map((group) => group.name);
  const keyList = g.map((name) => `${name}, `).join('');
  const asOfDay = `${params.addInstant(input.asOf)}::DATE`;
  const filters = request.filters ?? {};
  const from = filters.from ? `${params.addInstant(filters.from)}::DATE` : null;
  const to = filters.to ? `${params.addInstant(filters.to)}::DATE` : null;
  const useRollup = (request.groupBy ?? []).every((key) => rollupKeys.includes(key)) && !filters.serviceCodes;
  const daily = useRollup ? rollupDaily(input, groups) : liveDaily(input, groups);
  // Days outside the range shown are only read where a running total or a trailing year needs them.
  const firstDay = from && request.period ? periodSql(request.period, from) : from;
  const shownDays = spec.needsHistory ? [] : [firstDay && `day >= ${firstDay}`, to && `day < ${to}`].filter(Boolean);
  const cut = `SELECT * FROM (${daily}) WHERE ${[`day <= ${asOfDay}`, ...shownDays].join(' AND ')}`;

  if (!request.period) {
    const inRange = [from && `day >= ${from}`, to && `day < ${to}`].filter(Boolean).join(' AND ') || 'true';
    const columns = `coalesce(sum(opened) FILTER (WHERE ${inRange}), 0) AS opened, coalesce(sum(closed) FILTER (WHERE ${inRange}), 0) AS closed, coalesce(sum(opened - closed), 0) AS backlog`;
    const totals = `SELECT ${keyList}${columns} FROM cut ${g.length ? 'GROUP BY ALL' : ''}`;
    return outputRows(groups, finalSelect({ spec, g, source: `WITH cut AS (${cut}), totals AS (${totals}) SELECT * FROM totals` }));
  }

  const partition = g.length ? `PARTITION BY ${g.join(', ')}` : '';
  const periods = `SELECT ${keyList}${periodSql(request.period, 'day')} AS period, sum(opened) AS opened, sum(closed) AS closed FROM cut GROUP BY ALL`;
  const running = [`sum(opened - closed) OVER (${partition} ORDER BY period) AS backlog`];
  if (spec.id === 'volume') running.push(...volumeWindows(request.period, g));
  const shown = [from && `period >= ${periodSql(request.period, from)}`, to && `period < ${to}`].filter(Boolean).join(' AND ') || 'true';
  const source = `WITH cut AS (${cut}), periods AS (${periods}),
    running AS (SELECT *, ${running.join(', ')} FROM periods)
    SELECT *, period AS g_period FROM running WHERE ${shown}`;
  const names = (request.groupBy ?? []).map((key) => `g_${key}`);
  const periodColumn: GroupColumn = { key: 'period', name: 'g_period', expr: 'period', output: 'g_period' };
  return outputRows([...groups, periodColumn], finalSelect({ spec, g: names, source }));
}

function finalSelect({ spec, g, source }: { spec: CompileInput['spec']; g: string[]; source: string }): string {
  const values = spec.values.map((name) => `${spec.sql![name]} AS v_${name}`);
  return `SELECT ${[...g, `coalesce(${spec.n}, 0) AS n`, ...values].join(', ')} FROM (${source})`;
}

function volumeWindows(period: Period, g: string[]): string[] {
  const { frame, periods, sameWeekday } = trailing[period];
  const partition = [...g, ...(sameWeekday ? ['isodow(period)'] : [])];
  const by = partition.length ? `PARTITION BY ${partition.join(', ')}` : '';
  const groupOnly = g.length ? `PARTITION BY ${g.join(', ')}` : '';
  // A trailing average needs a full year of history behind the period; before that it is null.
  const average = `sum(opened) OVER (${by} ORDER BY period RANGE BETWEEN ${frame} PRECEDING AND INTERVAL 1 DAY PRECEDING) / ${periods}.0`;
  const trailingAverage = `CASE WHEN min(period) OVER (${groupOnly}) <= period - ${frame} THEN coalesce(${average}, 0) END`;
  const previousHigh = `max(opened) OVER (${groupOnly} ORDER BY period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
  return [
    `${trailingAverage} AS trailing_average`,
    `opened / nullif(${trailingAverage}, 0) AS ratio`,
    `(opened > ${previousHigh})::INTEGER AS record_high`,
    `rank() OVER (${groupOnly} ORDER BY opened DESC) AS rank`,
  ];
}

function rollupDaily({ spec, request, params }: CompileInput, groups: GroupColumn[]): string {
  const filters = request.filters ?? {};
  const columns = groups.map((group) => `${group.expr.replace(/^f\./, 'm.')} AS ${group.name}`);
  const where: string[] = [];
  if (!request.includeDuplicates && !spec.withDuplicates) where.push('NOT m.duplicate');
  if (filters.endpoints) where.push(`list_contains(${params.addList(filters.endpoints)}, m.endpoint_id)`);
  if (filters.categories) where.push(`list_contains(${params.addList(filters.categories)}, m.category)`);
  if (filters.closedAtSource) where.push(`(m.close_source = 'none' OR list_contains(${params.addList(filters.closedAtSource)}, m.close_source))`);
  return `SELECT ${[...columns, 'm.day', 'sum(m.opened) AS opened', 'sum(m.closed) AS closed'].join(', ')}
    FROM metric_daily m ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY ALL`;
}

function liveDaily({ spec, request, params }: CompileInput, groups: GroupColumn[]): string {
  const columns = groups.map((group) => `${group.expr} AS ${group.name}`).join(', ');
  const lead = columns ? `${columns}, ` : '';
  const join = (request.groupBy ?? []).includes('polygon') ? polygonJoin(request, params) : '';
  const where = requestFilters({ spec, request, params });
  const filtered = `FROM metric_requests f ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const keys = groups.map((group) => `${group.name}, `).join('');
  return `SELECT ${keys}day, sum(opened) AS opened, sum(closed) AS closed FROM (
      SELECT ${lead}f.requested_date AS day, 1 AS opened, 0 AS closed ${filtered}
      UNION ALL
      SELECT ${lead}f.closed_date AS day, 0 AS opened, 1 AS closed ${filtered} ${where.length ? 'AND' : 'WHERE'} f.closed_date IS NOT NULL)
    GROUP BY ALL`;
}
