import type { GroupKey, MetricDefinition } from './types.ts';

/**
 * How a metric is computed (compile-metric.ts turns it into SQL):
 * - `aggregate`: aggregates over the request rows of the base query (columns: see base-rows.ts), filtered by `where`;
 * - `km`: the Kaplan–Meier estimate of time to close over the requests opened (km.ts);
 * - `flow`: opened / closed counts per UTC day, summed per period (flow.ts, from metric_daily when it can);
 * - `quality`: the newest endpoint_quality row of each endpoint.
 */
export type MetricKind = 'aggregate' | 'km' | 'flow' | 'quality';

export interface MetricSpec extends Omit<MetricDefinition, 'guardedValues'> {
  kind: MetricKind;
  /** Which instant the period and the from/to range apply to: when the request was opened, or closed. */
  anchor: 'requested' | 'closed';
  /**
   * The small-count guard: true for a metric of rates or durations (a row with n below min_n is suppressed, every
   * value null); a list for a metric of tallies that also gives rates (only those values are nulled, the row stays);
   * false for exact tallies.
   */
  guarded: boolean | string[];
  /** Group keys that must be present (volume needs periods). */
  requires?: GroupKey[];
  /** Needs one area key among the group keys (equity). */
  requiresArea?: boolean;
  /** SQL over the base rows: which requests count (aggregate kind). */
  where?: string;
  /** SQL for n: an aggregate (aggregate kind), or over the period columns (flow kind). */
  n?: string;
  /** SQL aggregate per value name, in the order of `values` (aggregate kind); flow: SQL over the period columns. */
  sql?: Record<string, string>;
  /** Counts duplicates whatever includeDuplicates says. */
  withDuplicates?: boolean;
  /** Flow: reads every day since the first, whatever the date range (a running total, a trailing year). */
  needsHistory?: boolean;
  /** Counts only requests open at as-of (lets the scan skip the rest early). */
  openOnly?: boolean;
  /** Reads each request's last update as known at as-of (`updated_then`): for a past as-of, from the status history. */
  updatesAsOf?: boolean;
}

const everyKey: GroupKey[] = ['endpoint', 'category', 'service_code', 'period', 'h3', 'district', 'polygon'];
const noPeriod: GroupKey[] = everyKey.filter((key) => key !== 'period');
const area: GroupKey[] = ['h3', 'district', 'polygon'];
const closedIsNotFixed = 'Closed is not fixed: a request can be closed as duplicate, referred elsewhere or without action (see outcome_mix).';
const days = (seconds: string) => `(${seconds}) / 86400.0`;

export const metricSpecs: MetricSpec[] = [
  {
    id: 'ttc_km',
    title: 'Time to close (Kaplan–Meier)',
    description: 'How long requests opened in the period take to close, counting the ones still open.',
    formula:
      'Kaplan–Meier product-limit estimate over requests opened in the period: a close is an event at closed_at − requested_at, a request still open at as-of is censored at as-of − requested_at; durations rounded up to a step (1 hour below 7 days, 6 hours to 30 days, 1 day to a year, 1 week beyond: under 3.6 % of the duration above 7 days). Median = first time the share still open S(t) ≤ 0.5, p90 = first time S(t) ≤ 0.1 (null when never reached), in days. within_Nd = 1 − S(N days), a share (0–1); closed and censored are counts of requests.',
    unit: 'days',
    values: ['median_days', 'p90_days', 'within_1d', 'within_7d', 'within_30d', 'within_90d', 'closed', 'censored'],
    groupBy: everyKey,
    caveats: [closedIsNotFixed, 'Closes within 10 minutes of opening, or before it, are data-quality findings and left out (see quality).'],
    kind: 'km',
    anchor: 'requested',
    guarded: true,
  },
  {
    id: 'ttc_closed',
    title: 'Time to close (closed requests only)',
    description: 'Duration of the requests closed in the period, as peers report it. Biased low for recent periods: only quick closes have happened yet; prefer ttc_km.',
    formula: 'Over requests closed in the period: median, p75, p90 and mean of closed_at − requested_at, in days; and the share of each closed_at_source.',
    unit: 'days',
    values: ['median_days', 'p75_days', 'p90_days', 'mean_days', 'share_event', 'share_observed', 'share_updated_datetime'],
    groupBy: everyKey,
    caveats: [closedIsNotFixed, 'Closes within 10 minutes of opening, or before it, are left out (see quality).'],
    kind: 'aggregate',
    anchor: 'closed',
    guarded: true,
    where: 'is_closed AND ttc_seconds IS NOT NULL',
    n: 'count(*)',
    sql: {
      // One list quantile (DuckDB computes identical aggregates once): one selection per group instead of three,
      // over whole seconds: exact quantiles of integers cost 2.5x less than of doubles (136 vs 340 ms over the
      // 5M closed requests of a 10M store), and no duration here is meaningful below a second.
      median_days: days('quantile_cont(ttc_seconds::INTEGER, [0.5, 0.75, 0.9])[1]'),
      p75_days: days('quantile_cont(ttc_seconds::INTEGER, [0.5, 0.75, 0.9])[2]'),
      p90_days: days('quantile_cont(ttc_seconds::INTEGER, [0.5, 0.75, 0.9])[3]'),
      mean_days: days('avg(ttc_seconds)'),
      share_event: `avg((closed_at_source = 'event')::INTEGER)`,
      share_observed: `avg((closed_at_source = 'observed')::INTEGER)`,
      share_updated_datetime: `avg((closed_at_source = 'updated_datetime')::INTEGER)`,
    },
  },
  {
    id: 'on_time',
    title: 'Closed on time',
    description: 'Share of the requests closed in the period that closed by their target.',
    formula: 'Over requests closed in the period that have a target: count(closed_at ≤ target) ÷ count. Target = expected_at, else the SLA of config/sla.yaml for the endpoint and category, else none (left out).',
    unit: 'share',
    values: ['on_time', 'share_target_from_source'],
    groupBy: everyKey,
    caveats: [closedIsNotFixed],
    kind: 'aggregate',
    anchor: 'closed',
    guarded: true,
    where: 'is_closed AND target_at IS NOT NULL',
    n: 'count(*)',
    sql: { on_time: 'avg((closed_at <= target_at)::INTEGER)', share_target_from_source: 'avg((expected_at IS NOT NULL)::INTEGER)' },
  },
  {
    id: 'overdue_open',
    openOnly: true,
    title: 'Overdue open requests',
    description: 'Requests open at the as-of instant that are already past their target.',
    formula: 'Count of requests open at as-of with target < as-of; share = that ÷ open requests with a target.',
    unit: 'requests',
    values: ['overdue', 'share'],
    groupBy: noPeriod,
    kind: 'aggregate',
    anchor: 'requested',
    // The count is exact; the share of a handful of open requests is not a rate worth showing.
    guarded: ['share'],
    where: 'is_open AND target_at IS NOT NULL',
    n: 'count(*)',
    sql: { overdue: 'count(*) FILTER (WHERE target_at < known_until)', share: 'avg((target_at < known_until)::INTEGER)' },
  },
  {
    id: 'ttc_vs_target',
    title: 'Time to close ÷ target',
    description: 'How long closing took relative to the target (below 1 is better), Boston CityScore style.',
    formula: 'Over requests closed in the period that have a target: median of (closed_at − requested_at) ÷ (target − requested_at); with the mean duration and mean target in days.',
    unit: 'ratio',
    values: ['ratio', 'mean_days', 'mean_target_days'],
    groupBy: everyKey,
    caveats: [closedIsNotFixed],
    kind: 'aggregate',
    anchor: 'closed',
    guarded: true,
    where: 'is_closed AND ttc_seconds IS NOT NULL AND target_at > requested_at',
    n: 'count(*)',
    sql: {
      // One median (a sort per group); the other figures are means, which cost no sort.
      ratio: 'median(ttc_seconds / (epoch(target_at) - epoch(requested_at)))',
      mean_days: days('avg(ttc_seconds)'),
      mean_target_days: days('avg(epoch(target_at) - epoch(requested_at))'),
    },
  },
  {
    id: 'opened',
    title: 'Requests opened',
    description: 'Requests opened per period.',
    formula: 'Count of requests with requested_at in the period (UTC days).',
    unit: 'requests',
    values: ['opened'],
    groupBy: everyKey,
    kind: 'flow',
    anchor: 'requested',
    guarded: false,
    n: 'opened',
    sql: { opened: 'opened' },
  },
  {
    id: 'closed',
    title: 'Requests closed',
    description: 'Requests closed per period.',
    formula: 'Count of requests with closed_at in the period (UTC days).',
    unit: 'requests',
    values: ['closed'],
    groupBy: everyKey,
    caveats: [closedIsNotFixed],
    kind: 'flow',
    anchor: 'closed',
    guarded: false,
    n: 'closed',
    sql: { closed: 'closed' },
  },
  {
    id: 'net_flow',
    title: 'Net flow',
    description: 'Opened minus closed per period: above 0 the backlog grows.',
    formula: 'opened − closed in the period.',
    unit: 'requests',
    values: ['net_flow', 'opened', 'closed'],
    groupBy: everyKey,
    kind: 'flow',
    anchor: 'requested',
    guarded: false,
    n: 'opened + closed',
    sql: { net_flow: 'opened - closed', opened: 'opened', closed: 'closed' },
  },
  {
    id: 'backlog',
    needsHistory: true,
    title: 'Backlog',
    description: 'Requests open at the end of each period.',
    formula: 'Running total since the first request of opened − closed up to the end of the period (or the as-of day, whichever comes first): requests opened by then and not yet closed.',
    unit: 'requests',
    values: ['backlog'],
    groupBy: everyKey,
    caveats: ['A request closed and later reopened counts as open from its opening until its current close (or still open).'],
    kind: 'flow',
    anchor: 'requested',
    guarded: false,
    n: 'backlog',
    sql: { backlog: 'backlog' },
  },
  {
    id: 'volume',
    needsHistory: true,
    title: 'Volume against its trailing average',
    description: 'Requests opened per period, against the average of the same kind of period over the trailing year.',
    formula:
      'opened in the period ÷ the average over the preceding 365 days of the same period kind (days: the same weekday over the 52 weeks before; weeks: 52 weeks; months: 12 months; quarters: 4; years: 1); null until a full year of data lies before the period. record_high = 1 when above every earlier period; rank among complete periods. complete = 0 for a period as-of cuts (the current month) or that began before the group’s first request (a part of a period): its ratio, record_high and rank are null. The date range only picks the periods shown.',
    unit: 'ratio',
    values: ['ratio', 'opened', 'trailing_average', 'record_high', 'rank', 'complete'],
    groupBy: everyKey,
    requires: ['period'],
    kind: 'flow',
    anchor: 'requested',
    guarded: false,
    n: 'opened',
    sql: { ratio: 'ratio', opened: 'opened', trailing_average: 'trailing_average', record_high: 'record_high', rank: 'rank', complete: 'complete' },
  },
  {
    id: 'aging',
    openOnly: true,
    title: 'Open requests by age',
    description: 'Requests open at the as-of instant, by how long they have been open, and how many went quiet.',
    formula: 'Open at as-of, by as-of − requested_at: under 7 days, 7–28, 28–90, over 90; stale = no update for 56 days before as-of (the last updated_at known at as-of — for a past as-of, from the status history — else requested_at).',
    unit: 'requests',
    values: ['open', 'under_7d', 'from_7d_to_28d', 'from_28d_to_90d', 'over_90d', 'stale'],
    groupBy: noPeriod,
    kind: 'aggregate',
    anchor: 'requested',
    guarded: false,
    where: 'is_open',
    n: 'count(*)',
    sql: {
      open: 'count(*)',
      under_7d: 'count(*) FILTER (WHERE age_days < 7)',
      from_7d_to_28d: 'count(*) FILTER (WHERE age_days >= 7 AND age_days < 28)',
      from_28d_to_90d: 'count(*) FILTER (WHERE age_days >= 28 AND age_days < 90)',
      over_90d: 'count(*) FILTER (WHERE age_days >= 90)',
      stale: 'count(*) FILTER (WHERE coalesce(updated_then, requested_at) < known_until - INTERVAL 56 DAYS)',
    },
    updatesAsOf: true,
  },
  {
    id: 'outcome_mix',
    title: 'Outcomes of closed requests',
    description: 'How the requests closed in the period ended, by detailed status.',
    formula: 'Over requests closed in the period: share of each detailed_status (fixed, no_action, duplicate, referred, rejected; anything else is unknown).',
    unit: 'share',
    values: ['fixed', 'no_action', 'duplicate', 'referred', 'rejected', 'unknown'],
    groupBy: everyKey,
    caveats: [closedIsNotFixed],
    kind: 'aggregate',
    anchor: 'closed',
    guarded: true,
    where: 'is_closed',
    n: 'count(*)',
    // One histogram per group (DuckDB computes identical aggregates once) rather than six comparisons per row.
    sql: Object.fromEntries(
      ['fixed', 'no_action', 'duplicate', 'referred', 'rejected', 'unknown'].map((outcome) => [outcome, `coalesce(histogram(outcome)['${outcome}'], 0) / count(*)`]),
    ),
  },
  {
    id: 'duplicate_rate',
    title: 'Duplicate rate',
    description: 'Share of the requests opened in the period that are duplicates of another.',
    formula: 'Over every request opened in the period (duplicates included): count(is_duplicate or has a parent request) ÷ count.',
    unit: 'share',
    values: ['duplicate_rate', 'duplicates'],
    groupBy: everyKey,
    kind: 'aggregate',
    anchor: 'requested',
    guarded: true,
    withDuplicates: true,
    where: 'true',
    n: 'count(*)',
    sql: { duplicate_rate: 'avg(duplicate::INTEGER)', duplicates: 'count(*) FILTER (WHERE duplicate)' },
  },
  {
    id: 'reopen_rate',
    title: 'Reopen rate',
    description: 'Share of the requests opened in the period and closed at some point that were seen open again afterwards.',
    formula: 'Over requests opened in the period that are closed at as-of or were reopened: count(reopened) ÷ count. Reopened = a closed status in the status history followed by an open one, or the vendor says reopened.',
    unit: 'share',
    values: ['reopen_rate', 'reopened'],
    groupBy: everyKey,
    caveats: ['Only reopenings fed311 saw between harvests, or that the vendor reports, are counted.'],
    kind: 'aggregate',
    anchor: 'requested',
    guarded: true,
    where: `(is_closed OR reopened)`,
    n: 'count(*)',
    sql: { reopen_rate: 'avg(reopened::INTEGER)', reopened: 'count(*) FILTER (WHERE reopened)' },
  },
  {
    id: 'equity',
    title: 'Equity between areas',
    description: 'Kaplan–Meier median time to close per area, and how far apart the slowest and fastest areas are.',
    formula:
      'Per area (H3 cell, district or polygon): the ttc_km median (same steps as ttc_km). Summary over the areas that are not suppressed (requests without a place are not an area): spread = slowest − fastest median (days), ratio = slowest ÷ fastest; areas whose median is not reached yet are counted in areas_without_median and left out, so spread and ratio are then lower bounds. Use with one category (the category filter) to compare like with like.',
    unit: 'days',
    values: ['median_days', 'closed', 'censored'],
    groupBy: everyKey,
    requiresArea: true,
    caveats: [closedIsNotFixed],
    kind: 'km',
    anchor: 'requested',
    guarded: true,
  },
  {
    id: 'quality',
    title: 'Data quality',
    description: 'Per endpoint, from its newest quality check: how much of its data can be trusted as sent.',
    formula:
      'Shares over the endpoint’s stored requests: missing location, 0/0 coordinates, out-of-box coordinates, unparseable timestamps, future timestamps, in category other; counts: negative durations, closes within 10 minutes, rejected records.',
    unit: 'share',
    values: [
      'missing_location', 'zero_coordinates', 'out_of_box', 'unparseable_timestamps', 'future_timestamps', 'uncategorized',
      'negative_durations', 'fast_closes', 'rejected_records',
    ],
    groupBy: ['endpoint'],
    kind: 'quality',
    anchor: 'requested',
    guarded: true,
  },
];

/** Area group keys (equity needs one). */
export const areaKeys = area;

export function findSpec(id: string): MetricSpec | undefined {
  return metricSpecs.find((spec) => spec.id === id);
}

/** The definitions as the API lists them (without the SQL). */
export function listMetrics(): MetricDefinition[] {
  return metricSpecs.map(({ id, title, description, formula, unit, values, groupBy, caveats, guarded }) => ({
    id, title, description, formula, unit, values, groupBy, guardedValues: guardedValues({ values, guarded }), ...(caveats ? { caveats } : {}),
  }));
}

/** The values nulled in a row whose n is below min_n. */
export function guardedValues({ values, guarded }: Pick<MetricSpec, 'values' | 'guarded'>): string[] {
  return guarded === true ? values : guarded === false ? [] : guarded;
}
