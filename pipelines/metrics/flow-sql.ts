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
 * counted from metric_requests), summed per period; backlog is the running total of opened − closed from the first
 * day on, so the date range only picks which periods are shown. The cuts are instants: as-of (inclusive), `from`
 * (inclusive) and `to` (exclusive). Whole days are read as day counts, timed at their midnight; the days holding
 * one of those instants are read from metric_requests request by request, timed at the instant itself.
 */
export function flowSql(input: CompileInput): string {
  const { spec, request } = input;
  const keys = (request.groupBy ?? []).filter((key) => key !== 'period');
  const groups = groupColumns({ keys, h3Resolution: request.h3Resolution ?? 7, periodSource: '' });
  const g = groups.map((group) => group.name);
  const keyList = g.map((name) => `${name}, `).join('');
  const filters = request.filters ?? {};
  const asOf = instantUs(input.asOf);
  const from = filters.from ? instantUs(filters.from) : null;
  const to = filters.to ? instantUs(filters.to) : null;
  // A from or to at midnight UTC falls between whole days; as-of is inclusive, so its day is always cut.
  const cuts = [input.asOf, ...[filters.from, filters.to].filter((instant) => instant !== undefined && !atMidnight(instant))];
  const edgeDays = cuts.map((instant) => utcDay(instant!));
  const useRollup = (request.groupBy ?? []).every((key) => rollupKeys.includes(key)) && !filters.serviceCodes;
  const wholeDays = useRollup ? rollupDaily(input, groups, edgeDays) : liveDaily(input, groups, edgeDays);
  const daily = `${wholeDays} UNION ALL BY NAME SELECT * FROM (${edgeRows(input, groups, edgeDays)})`;
  // The first period shown starts on the day of the period holding `from`.
  const firstPeriod = filters.from && request.period ? periodSql(request.period, utcDay(filters.from)) : null;
  // Days outside the range shown are only read where a running total or a trailing year needs them.
  const firstDay = firstPeriod ? dayUs(firstPeriod) : from;
  const shownTimes = spec.needsHistory ? [] : [firstDay && `t >= ${firstDay}`, to && `t < ${to}`].filter(Boolean);
  // The same cuts on the day as well: DuckDB pushes those into the scans, which then skip blocks of other dates.
  const firstShownDay = filters.from && !spec.needsHistory ? (firstPeriod ?? utcDay(filters.from)) : null;
  const dayCuts = [`day <= ${utcDay(input.asOf)}`, firstShownDay && `day >= ${firstShownDay}`, to && !spec.needsHistory && `day <= ${utcDay(filters.to!)}`].filter(Boolean);
  const cut = `SELECT * FROM (${daily}) WHERE ${[...dayCuts, `t <= ${asOf}`, ...shownTimes].join(' AND ')}`;

  if (!request.period) {
    const inRange = [from && `t >= ${from}`, to && `t < ${to}`].filter(Boolean).join(' AND ') || 'true';
    const columns = `coalesce(sum(opened) FILTER (WHERE ${inRange}), 0) AS opened, coalesce(sum(closed) FILTER (WHERE ${inRange}), 0) AS closed, coalesce(sum(opened - closed), 0) AS backlog`;
    const totals = `SELECT ${keyList}${columns} FROM cut ${g.length ? 'GROUP BY ALL' : ''}`;
    return outputRows(groups, finalSelect({ spec, g, source: `WITH cut AS (${cut}), totals AS (${totals}) SELECT * FROM totals` }));
  }

  const partition = g.length ? `PARTITION BY ${g.join(', ')}` : '';
  const periods = `SELECT ${keyList}${periodSql(request.period, 'day')} AS period, min(min(day)) OVER (${partition}) AS data_start, sum(opened) AS opened, sum(closed) AS closed FROM cut GROUP BY ${[...g, 'period'].join(', ')}`;
  const running = [`sum(opened - closed) OVER (${partition} ORDER BY period) AS backlog`];
  if (spec.id === 'volume') running.push(...volumeWindows(request.period, g, input));
  const shown = [firstPeriod && `period >= ${firstPeriod}`, to && `${dayUs('period')} < ${to}`].filter(Boolean).join(' AND ') || 'true';
  const source = `WITH cut AS (${cut}), periods AS (${periods}),
    running AS (SELECT *, ${running.join(', ')} FROM periods)
    SELECT *, period AS g_period FROM running WHERE ${shown}`;
  const names = (request.groupBy ?? []).map((key) => `g_${key}`);
  const periodColumn: GroupColumn = { key: 'period', name: 'g_period', expr: 'period', output: 'g_period' };
  return outputRows([...groups, periodColumn], finalSelect({ spec, g: names, source }));
}

/** The requests opened or closed on an edge day (as-of's, from's, to's), each timed at its instant. */
function edgeRows({ spec, request, params }: CompileInput, groups: GroupColumn[], edgeDays: string[]): string {
  // Only the side the metric reads: closes are spread over every block, so reading them costs a scan.
  const reads = `${spec.n} ${Object.values(spec.sql ?? {}).join(' ')}`;
  const sides = (['opened', 'closed'] as const).filter((side) => new RegExp(`${side}|backlog`).test(reads));
  const lead = groups.map((group) => `${group.expr} AS ${group.name}, `).join('');
  const join = (request.groupBy ?? []).includes('polygon') ? polygonJoin(request, params) : '';
  const where = requestFilters({ spec, request, params });
  // IN rather than list_contains: DuckDB applies it inside the scan (on requested_date, ordered, it skips blocks).
  const filtered = (column: string) => `FROM metric_requests f ${join} WHERE ${[...where, `f.${column} IN (${edgeDays.join(', ')})`].join(' AND ')}`;
  const side = {
    opened: `SELECT ${lead}f.requested_date AS day, epoch_us(f.requested_at) AS t, 1 AS opened, 0 AS closed ${filtered('requested_date')}`,
    closed: `SELECT ${lead}f.closed_date AS day, epoch_us(f.closed_at) AS t, 0 AS opened, 1 AS closed ${filtered('closed_date')}`,
  };
  return sides.map((name) => side[name]).join(' UNION ALL ');
}

function finalSelect({ spec, g, source }: { spec: CompileInput['spec']; g: string[]; source: string }): string {
  const values = spec.values.map((name) => `${spec.sql![name]} AS v_${name}`);
  return `SELECT ${[...g, `coalesce(${spec.n}, 0) AS n`, ...values].join(', ')} FROM (${source})`;
}

/**
 * Instants as epoch microseconds (BIGINT literals of validated dates): whole days and requests' times compare as
 * integers, with no time-zone cast per row (DuckDB's ICU casts cost more than the counts).
 */
function instantUs(iso: string): string {
  return String(BigInt(new Date(iso).getTime()) * 1000n);
}

function atMidnight(iso: string): boolean {
  return new Date(iso).getTime() % 86_400_000 === 0;
}

/** The UTC day of an instant, as a DATE literal. */
function utcDay(iso: string): string {
  return `DATE '${new Date(iso).toISOString().slice(0, 10)}'`;
}

/** A DATE expression's midnight UTC in epoch microseconds. */
function dayUs(date: string): string {
  return `((${date}) - DATE '1970-01-01')::BIGINT * 86400000000`;
}

/** Each period kind's length, for the end of a period. */
const periodLength: Record<Period, string> = { day: 'INTERVAL 1 DAY', week: 'INTERVAL 7 DAYS', month: 'INTERVAL 1 MONTH', quarter: 'INTERVAL 3 MONTHS', year: 'INTERVAL 1 YEAR' };

/**
 * Volume's windows. A trailing average needs a full year of data before the period (from the group's first day
 * with a request, not the start of its first period). A period as-of cuts (the current month, say) or that began
 * before the group's data is not complete: its count is shown, but its ratio, record and rank would compare a part
 * with wholes, so they are null, and ranks are among complete periods.
 */
function volumeWindows(period: Period, g: string[], { asOf }: CompileInput): string[] {
  const { frame, periods, sameWeekday } = trailing[period];
  const partition = [...g, ...(sameWeekday ? ['isodow(period)'] : [])];
  const by = partition.length ? `PARTITION BY ${partition.join(', ')}` : '';
  const groupOnly = g.length ? `PARTITION BY ${g.join(', ')}` : '';
  // Volume counts whole periods whatever the date range (it only picks the periods shown): a period is cut by
  // as-of, or by the start of the group's data.
  const end = dayUs(`(period + ${periodLength[period]})::DATE`);
  const complete = `${end} <= ${instantUs(asOf)} AND period >= data_start`;
  const average = `sum(opened) OVER (${by} ORDER BY period RANGE BETWEEN ${frame} PRECEDING AND INTERVAL 1 DAY PRECEDING) / ${periods}.0`;
  const trailingAverage = `CASE WHEN data_start <= period - ${frame} THEN coalesce(${average}, 0) END`;
  const previousHigh = `max(opened) OVER (${groupOnly} ORDER BY period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
  const rankPartition = `PARTITION BY ${[...g, `(${complete})`].join(', ')}`;
  return [
    `(${complete})::INTEGER AS complete`,
    `${trailingAverage} AS trailing_average`,
    `CASE WHEN ${complete} THEN opened / nullif(${trailingAverage}, 0) END AS ratio`,
    `CASE WHEN ${complete} THEN (opened > coalesce(${previousHigh}, -1))::INTEGER END AS record_high`,
    `CASE WHEN ${complete} THEN rank() OVER (${rankPartition} ORDER BY opened DESC) END AS rank`,
  ];
}

function rollupDaily({ spec, request, params }: CompileInput, groups: GroupColumn[], edgeDays: string[]): string {
  const filters = request.filters ?? {};
  const columns = groups.map((group) => `${group.expr.replace(/^f\./, 'm.')} AS ${group.name}`);
  const where = [`m.day NOT IN (${edgeDays.join(', ')})`];
  if (!request.includeDuplicates && !spec.withDuplicates) where.push('NOT m.duplicate');
  if (filters.endpoints) where.push(`list_contains(${params.addList(filters.endpoints)}, m.endpoint_id)`);
  if (filters.categories) where.push(`list_contains(${params.addList(filters.categories)}, m.category)`);
  if (filters.closedAtSource) where.push(`(m.close_source = 'none' OR list_contains(${params.addList(filters.closedAtSource)}, m.close_source))`);
  return `SELECT ${[...columns, 'm.day', `${dayUs('m.day')} AS t`, 'sum(m.opened) AS opened', 'sum(m.closed) AS closed'].join(', ')}
    FROM metric_daily m WHERE ${where.join(' AND ')} GROUP BY ALL`;
}

function liveDaily({ spec, request, params }: CompileInput, groups: GroupColumn[], edgeDays: string[]): string {
  const columns = groups.map((group) => `${group.expr} AS ${group.name}`).join(', ');
  const lead = columns ? `${columns}, ` : '';
  const join = (request.groupBy ?? []).includes('polygon') ? polygonJoin(request, params) : '';
  const where = requestFilters({ spec, request, params });
  const filtered = `FROM metric_requests f ${join} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const keys = groups.map((group) => `${group.name}, `).join('');
  // Edge days are dropped after counting: a condition per request would cost more than the count (78 vs 21 ms of CPU over 10M).
  return `SELECT *, ${dayUs('day')} AS t FROM (SELECT ${keys}day, sum(opened) AS opened, sum(closed) AS closed FROM (
      SELECT ${lead}f.requested_date AS day, 1 AS opened, 0 AS closed ${filtered}
      UNION ALL
      SELECT ${lead}f.closed_date AS day, 0 AS opened, 1 AS closed ${filtered} ${where.length ? 'AND' : 'WHERE'} f.closed_date IS NOT NULL)
    GROUP BY ALL) WHERE day NOT IN (${edgeDays.join(', ')})`;
}
