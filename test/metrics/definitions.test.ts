import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeMetric, listMetrics, refreshMetrics, type MetricRequest } from '../../pipelines/metrics/index.ts';
import { parseSlaConfig } from '../../pipelines/metrics/sla-config.ts';
import { refreshQuality } from '../../pipelines/quality/refresh-quality.ts';
import { tempStore } from '../support/temp-store.ts';
import { hoursAfter, seedEvents, seedRequests } from './support/seed.ts';

const asOf = '2026-03-31T00:00:00Z';
const day = (date: string, hours = 0) => hoursAfter(`${date}T00:00:00Z`, hours);
// Targets: pothole 5 days (endpoint b: 1 day), graffiti 2 days, noise none.
const sla = parseSlaConfig({ text: 'version: 1\ncategories: { pothole: 5, graffiti: 2 }\nendpoints: { b: { pothole: 1 } }', source: 'test' });

let env: Awaited<ReturnType<typeof tempStore>>;
const metric = (request: MetricRequest) => computeMetric(env.store, { asOf, minN: 1, ...request });

beforeAll(async () => {
  env = await tempStore();
  await seedRequests(env.store, [
    { id: 'P1', requested: day('2026-03-02'), closed: day('2026-03-04'), detailed_status: 'fixed' },
    { id: 'P2', requested: day('2026-03-02'), closed: day('2026-03-10'), detailed_status: 'no_action', source: 'observed' },
    { id: 'P3', requested: day('2026-03-03'), expected: day('2026-03-04'), closed: day('2026-03-05'), detailed_status: 'fixed' },
    { id: 'P4', category: 'graffiti', requested: day('2026-03-03'), closed: day('2026-03-04', 12), detailed_status: 'referred', source: 'updated_datetime' },
    { id: 'P5', endpoint: 'b', requested: day('2026-03-03'), closed: day('2026-03-05'), detailed_status: 'fixed' },
    { id: 'P6', category: 'noise', requested: day('2026-03-04'), closed: day('2026-03-06') },
    { id: 'O1', requested: day('2026-03-01') },
    { id: 'O2', requested: day('2026-01-01'), updated: day('2026-01-10') },
    { id: 'O3', category: 'graffiti', requested: day('2026-03-29') },
    { id: 'O4', endpoint: 'b', category: 'noise', requested: day('2025-12-01') },
    { id: 'D1', requested: day('2026-03-02'), closed: day('2026-03-02', 5), detailed_status: 'duplicate', duplicate: true },
    { id: 'F1', requested: day('2026-03-05'), closed: hoursAfter(day('2026-03-05'), 5 / 60), detailed_status: 'fixed' },
    { id: 'R1', requested: day('2026-03-06'), closed: day('2026-03-12'), detailed_status: 'fixed' },
  ]);
  await seedEvents(env.store, [
    { id: 'R1', at: day('2026-03-06'), status: 'open' },
    { id: 'R1', at: day('2026-03-08'), status: 'closed' },
    { id: 'R1', at: day('2026-03-09'), status: 'open' },
    { id: 'R1', at: day('2026-03-12'), status: 'closed' },
  ]);
  await refreshMetrics(env.store, { sla });
});
afterAll(() => env.cleanup());

test('every metric of the issue is listed with its formula in words', () => {
  const ids = listMetrics().map((d) => d.id);
  for (const id of ['ttc_closed', 'ttc_km', 'on_time', 'overdue_open', 'ttc_vs_target', 'opened', 'closed', 'net_flow', 'backlog', 'aging',
    'outcome_mix', 'duplicate_rate', 'reopen_rate', 'volume', 'equity', 'quality']) expect(ids).toContain(id);
  for (const definition of listMetrics()) {
    expect(definition.formula.length).toBeGreaterThan(20);
    expect(definition.values.length).toBeGreaterThan(0);
    expect(definition).not.toHaveProperty('sql');
  }
});

test('ttc_closed: median, mean and close-time sources over closes of 10 minutes or more, duplicates left out', async () => {
  // Durations (days): P1 2, P2 8, P3 2, P4 1.5, P5 2, P6 2, R1 6; F1 (5 min) and D1 (duplicate) are left out.
  const [row] = (await metric({ metric: 'ttc_closed' })).rows;
  expect(row!.n).toBe(7);
  expect(row!.value).toBeCloseTo(2, 12);
  expect(row!.values!.mean_days).toBeCloseTo(23.5 / 7, 12);
  expect(row!.values!.share_event).toBeCloseTo(5 / 7, 12);
  expect(row!.values!.share_observed).toBeCloseTo(1 / 7, 12);
  const withDuplicates = await metric({ metric: 'ttc_closed', includeDuplicates: true });
  expect(withDuplicates.rows[0]!.n).toBe(8);
});

test('on_time: target from expected_at, else the endpoint override, else the category default, else none', async () => {
  // P1 2 d ≤ 5 on time; P2 8 d late; P3 expected after 1 d, took 2 late; P4 graffiti 1.5 ≤ 2 on time; P5 endpoint b
  // pothole 1 d, took 2 late; F1 on time; R1 6 d late; P6 (noise) has no target.
  const [row] = (await metric({ metric: 'on_time' })).rows;
  expect(row!.n).toBe(7);
  expect(row!.value).toBeCloseTo(3 / 7, 12);
  expect(row!.values!.share_target_from_source).toBeCloseTo(1 / 7, 12);
});

test('overdue_open and aging are measured at as-of', async () => {
  // Open: O1 (target 03-06, overdue), O2 (target 01-06, overdue), O3 (target = as-of, not yet), O4 (no target).
  expect((await metric({ metric: 'overdue_open' })).rows[0]).toMatchObject({ n: 3, value: 2 });
  // Ages: O1 30 d, O2 89 d, O3 2 d, O4 120 d; stale: O2 (updated 01-10) and O4 (never updated since 2025-12-01).
  const [aging] = (await metric({ metric: 'aging' })).rows;
  expect(aging!.values).toEqual({ open: 4, under_7d: 1, from_7d_to_28d: 0, from_28d_to_90d: 2, over_90d: 1, stale: 2 });
  // At 03-03 12:00: O1, O2, O4 and P1–P5 are open (P3, P4, P5 opened that morning); O3 and R1 were not opened yet.
  const earlier = await metric({ metric: 'aging', asOf: day('2026-03-03', 12) });
  expect(earlier.rows[0]!.values!.open).toBe(8);
});

test('ttc_vs_target: median of duration ÷ target', async () => {
  // Ratios: P1 2/5, P2 8/5, P3 2/1, P4 1.5/2, P5 2/1, R1 6/5 → sorted .4 .75 1.2 1.6 2 2 → median 1.4.
  const [row] = (await metric({ metric: 'ttc_vs_target' })).rows;
  expect(row!.n).toBe(6);
  expect(row!.value).toBeCloseTo(1.4, 12);
  expect(row!.values!.mean_days).toBeCloseTo(21.5 / 6, 12);
  expect(row!.values!.mean_target_days).toBeCloseTo(19 / 6, 12);
});

test('outcome_mix, duplicate_rate and reopen_rate', async () => {
  const [mix] = (await metric({ metric: 'outcome_mix' })).rows;
  expect(mix!.n).toBe(8);
  expect(mix!.values).toMatchObject({ fixed: 5 / 8, no_action: 1 / 8, referred: 1 / 8, unknown: 1 / 8, duplicate: 0 });
  expect((await metric({ metric: 'duplicate_rate' })).rows[0]).toMatchObject({ n: 13, value: 1 / 13 });
  // R1 was closed on 03-08 and seen open again on 03-09.
  expect((await metric({ metric: 'reopen_rate' })).rows[0]).toMatchObject({ n: 8, value: 1 / 8 });
  // As of 03-05 00:00 only P1, P3, P4 and P5 had closed: requests that closed later are not in the count yet.
  expect((await metric({ metric: 'reopen_rate', asOf: day('2026-03-05') })).rows[0]).toMatchObject({ n: 4, value: 0 });
});

describe('flow per week (Monday weeks, UTC)', () => {
  const weeks = ['2025-12-01', '2025-12-29', '2026-02-23', '2026-03-02', '2026-03-09', '2026-03-23'];

  test('opened, closed, net flow and backlog', async () => {
    const values = async (id: string) => {
      const rows = (await metric({ metric: id, groupBy: ['period'], period: 'week' })).rows;
      return Object.fromEntries(rows.map((r) => [r.group.period, r.value]));
    };
    // A week with closes only has a row with 0 opened.
    expect(await values('opened')).toEqual({ '2025-12-01': 1, '2025-12-29': 1, '2026-02-23': 1, '2026-03-02': 8, '2026-03-09': 0, '2026-03-23': 1 });
    expect(await values('closed')).toEqual({ '2025-12-01': 0, '2025-12-29': 0, '2026-02-23': 0, '2026-03-02': 6, '2026-03-09': 2, '2026-03-23': 0 });
    expect((await values('net_flow'))['2026-03-02']).toBe(2);
    // Running total of opened − closed: 1, 2, 3, 3 + 8 − 6 = 5, 5 − 2 = 3, 3 + 1 = 4 (= open at as-of).
    expect(await values('backlog')).toEqual(Object.fromEntries(weeks.map((w, i) => [w, [1, 2, 3, 5, 3, 4][i]])));
  });

  test('the daily rollup and the live count agree', async () => {
    for (const id of ['opened', 'closed', 'backlog']) {
      const rollup = await metric({ metric: id, groupBy: ['endpoint', 'period'], period: 'month' });
      // A service-code filter cannot be answered from the rollup: this counts from metric_requests.
      const live = await metric({ metric: id, groupBy: ['endpoint', 'period'], period: 'month', filters: { serviceCodes: ['S1'] } });
      expect(live.rows).toEqual(rollup.rows);
    }
  });

  test('the date range picks periods; the backlog still counts from the start', async () => {
    const rows = (await metric({ metric: 'backlog', groupBy: ['period'], period: 'week', filters: { from: '2026-03-01', to: '2026-03-16' } })).rows;
    expect(rows.map((r) => [r.group.period, r.value])).toEqual([['2026-02-23', 3], ['2026-03-02', 5], ['2026-03-09', 3]]);
    // P3, P4, P5 on 03-03 and P6 on 03-04.
    expect((await metric({ metric: 'opened', filters: { from: '2026-03-03', to: '2026-03-05' } })).rows[0]!.value).toBe(4);
  });

  test('as-of, from and to cut at their instant, not their day, from the rollup and the live count alike', async () => {
    for (const serviceCodes of [undefined, ['S1']]) {
      const value = async (id: string, request: Partial<MetricRequest>) => (await metric({ metric: id, ...request, filters: { serviceCodes, ...request.filters } })).rows[0]!.value;
      // P3, P4, P5 were opened at 03-03 00:00, a second before the range; P6 at 03-04 00:00, inside it.
      expect(await value('opened', { filters: { from: '2026-03-03T00:00:01Z', to: '2026-03-04T00:00:01Z' } })).toBe(1);
      // P1 closed at 03-04 00:00, before the range; P4 at 12:00, inside; P3 and P5 at 03-05 00:00, the excluded end.
      expect(await value('closed', { filters: { from: '2026-03-04T06:00:00Z', to: '2026-03-05T00:00:00Z' } })).toBe(1);
      // At 03-04 06:00, nine requests were opened (duplicates aside) and only P1 had closed; P4 closed at noon.
      expect(await value('backlog', { asOf: '2026-03-04T06:00:00Z' })).toBe(8);
      const weekly = (await metric({ metric: 'backlog', groupBy: ['period'], period: 'week', asOf: '2026-03-04T06:00:00Z', filters: { serviceCodes } })).rows;
      expect(weekly.at(-1)).toMatchObject({ group: { period: '2026-03-02' }, value: 8 });
    }
  });
});

test('volume against the trailing year, record highs', async () => {
  // The data starts on 1 January 2025: one request a month, then three in January 2026.
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-01`);
  await seedRequests(env.store, [
    ...months.map((m, i) => ({ id: `V${i}`, endpoint: 'v', requested: day(m) })),
    ...[1, 2, 3].map((i) => ({ id: `W${i}`, endpoint: 'v', requested: day('2026-01-20') })),
  ]);
  await refreshMetrics(env.store, { sla });
  const volume = async (asOf: string, from?: string) =>
    (await metric({ metric: 'volume', groupBy: ['period'], period: 'month', filters: { endpoints: ['v'], from }, asOf })).rows;
  const rows = await volume('2026-02-01T00:00:00Z');
  const january = rows.find((r) => r.group.period === '2026-01-01')!;
  // 12 requests over the 12 months before → 1 a month; January has 3.
  expect(january.values).toMatchObject({ opened: 3, trailing_average: 1, ratio: 3, record_high: 1, rank: 1, complete: 1 });
  // December 2025 has less than a year behind it.
  expect(rows.find((r) => r.group.period === '2025-12-01')!.values!.trailing_average).toBeNull();
  // As of 25 January, January is a part of a month: its count stands, its ratio, record and rank would mislead.
  const partial = (await volume('2026-01-25T00:00:00Z')).find((r) => r.group.period === '2026-01-01')!;
  expect(partial.values).toMatchObject({ opened: 3, trailing_average: 1, ratio: null, record_high: null, rank: null, complete: 0 });
  // The date range only picks the periods shown: a month it starts inside is still counted whole.
  expect((await volume('2026-02-01T00:00:00Z', '2026-01-10T00:00:00Z')).find((r) => r.group.period === '2026-01-01')!.values).toMatchObject({ opened: 3, complete: 1, ratio: 3 });
  expect(rows.find((r) => r.group.period === '2025-01-01')!.values).toMatchObject({ complete: 1 });
  // Data that starts a day into its first month: that month is a part, and January 2026 lacks a full year behind it.
  await env.store.transaction((c) => c.run(`UPDATE metric_daily SET day = DATE '2025-01-02' WHERE day = DATE '2025-01-01' AND endpoint_id = 'v'`));
  try {
    const late = await volume('2026-02-01T00:00:00Z');
    expect(late.find((r) => r.group.period === '2025-01-01')!.values).toMatchObject({ complete: 0, rank: null });
    expect(late.find((r) => r.group.period === '2026-01-01')!.values!.trailing_average).toBeNull();
  } finally {
    await env.store.transaction((c) => c.run(`UPDATE metric_daily SET day = DATE '2025-01-01' WHERE day = DATE '2025-01-02' AND endpoint_id = 'v'`));
  }
});

test('equity: per-area KM medians, spread and ratio without suppressed areas, requests without a place, or medians not reached', async () => {
  const at = (district: string | null, id: string, hours?: number) => ({ id, endpoint: 'q', district, requested: day('2026-02-02'), closed: hours === undefined ? undefined : day('2026-02-02', hours) });
  await seedRequests(env.store, [
    at('X', 'X1', 10), at('X', 'X2', 20), at('X', 'X3', 30), at('Y', 'Y1', 40), at('Y', 'Y2', 50), at('Y', 'Y3', 60), at('Z', 'Z1', 500),
    // Without a place, and slowest of all: not an area.
    at(null, 'N1', 900), at(null, 'N2', 1000),
    // Still open at as-of: W has no median yet.
    at('W', 'W1'), at('W', 'W2'), at('W', 'W3', 30),
  ]);
  await refreshMetrics(env.store, { sla });
  const result = await metric({ metric: 'equity', groupBy: ['district'], filters: { endpoints: ['q'] }, minN: 2 });
  expect(result.rows.map((r) => [r.group.district, r.suppressed, r.value === null])).toEqual([['W', false, true], ['X', false, false], ['Y', false, false], ['Z', true, true], [null, false, false]]);
  expect(result.rows[1]!.value).toBeCloseTo(20 / 24, 12);
  expect(result.summary).toMatchObject({ areas: 3, areas_without_median: 1, slowest_days: 50 / 24 });
  expect(result.summary!.spread_days).toBeCloseTo(30 / 24, 12);
  expect(result.summary!.ratio).toBeCloseTo(2.5, 12);
});

test('min_n: small groups carry no value and are marked', async () => {
  const rows = (await metric({ metric: 'ttc_closed', groupBy: ['endpoint'], minN: 2, filters: { endpoints: ['a', 'b'] } })).rows;
  expect(rows.map((r) => [r.group.endpoint, r.n, r.suppressed, r.value])).toEqual([['a', 6, false, 2], ['b', 1, true, null]]);
  expect(Object.values(rows[1]!.values!).every((v) => v === null)).toBe(true);
  // Exact tallies are not guarded.
  const opened = await metric({ metric: 'opened', groupBy: ['endpoint'], minN: 20 });
  expect(opened.rows.every((r) => !r.suppressed && r.value !== null)).toBe(true);
  // A tally metric's rate is guarded on its own: overdue_open keeps its count and drops its share below min_n,
  // without suppressing the row. (Earlier tests in this file add open requests: n is read, not assumed.)
  const overdue = (minN: number) => metric({ metric: 'overdue_open', minN }).then((r) => r.rows[0]!);
  const { n, values } = await overdue(1);
  expect(n).toBeGreaterThan(values!.overdue!);
  expect(await overdue(n)).toMatchObject({ n, suppressed: false, values: { overdue: values!.overdue, share: values!.overdue! / n } });
  expect(await overdue(n + 1)).toMatchObject({ n, value: values!.overdue, suppressed: false, values: { overdue: values!.overdue, share: null } });
  expect(listMetrics().find((d) => d.id === 'overdue_open')!.guardedValues).toEqual(['share']);
  expect(listMetrics().find((d) => d.id === 'opened')!.guardedValues).toEqual([]);
  expect(listMetrics().find((d) => d.id === 'ttc_km')!.guardedValues).toContain('median_days');
});

test('quality: the newest quality row of each endpoint', async () => {
  await refreshQuality({ store: env.store, endpointId: 'b', runId: 1, now: new Date('2026-03-30T00:00:00Z') });
  const [row] = (await metric({ metric: 'quality' })).rows;
  // Endpoint b: P5 and O4, both without coordinates.
  expect(row).toMatchObject({ group: { endpoint: 'b' }, n: 2, value: 1 });
  expect((await metric({ metric: 'quality', asOf: '2026-03-29T00:00:00Z' })).rows).toEqual([]);
});

// Seeds its own endpoint, after the tests that count the whole store.
test('aging at a past as-of: stale by the last update known then (status history), not by today\'s', async () => {
  // U1: opened 01-01, updated 01-02; seen again on 03-20 with an update that day (today's updated_at).
  await seedRequests(env.store, [{ id: 'U1', endpoint: 'u', requested: day('2026-01-01'), updated: day('2026-03-20') }]);
  await seedEvents(env.store, [
    { id: 'U1', endpoint: 'u', at: day('2026-01-01', 1), status: 'open', updated: day('2026-01-02') },
    { id: 'U1', endpoint: 'u', at: day('2026-03-20', 1), status: 'open', updated: day('2026-03-20') },
  ]);
  await refreshMetrics(env.store, { sla });
  const stale = async (asOf: string) => (await metric({ metric: 'aging', asOf, filters: { endpoints: ['u'] } })).rows[0]!.values!.stale;
  // On 03-05 its last update was 01-02, 62 days before: stale then, though updated since.
  expect(await stale(day('2026-03-05'))).toBe(1);
  // On 03-25 the update of 03-20 is known.
  expect(await stale(day('2026-03-25'))).toBe(0);
  // On 02-20 the last update (01-02) was 49 days old.
  expect(await stale(day('2026-02-20'))).toBe(0);
});

// Seeds its own endpoint, after the tests that count the whole store.
test('an endpoint not harvested successfully since before as-of: its open requests are aged and censored at its last success', async () => {
  await seedRequests(env.store, [{ id: 'K1', endpoint: 'k', requested: day('2026-03-20') }]);
  await refreshMetrics(env.store, { sla });
  const measure = async () => ({
    aging: (await metric({ metric: 'aging', filters: { endpoints: ['k'] } })).rows[0]!.values,
    km: await metric({ metric: 'ttc_km', filters: { endpoints: ['k'] } }),
  });
  // Harvested through as-of (03-31): 11 days open.
  await env.store.transaction((c) => c.run(`INSERT INTO harvest_state (endpoint_id, backfill_from, last_success_at) VALUES ('k', '2026-01-01', '2026-04-01')`));
  const current = await measure();
  expect(current.aging).toMatchObject({ open: 1, under_7d: 0, from_7d_to_28d: 1 });
  expect(current.km.known_until).toBeUndefined();
  // Its harvests have failed since 03-24: it was last known open 4 days after it opened.
  await env.store.transaction((c) => c.run(`UPDATE harvest_state SET last_success_at = '2026-03-24T00:00:00Z' WHERE endpoint_id = 'k'`));
  const lagging = await measure();
  expect(lagging.aging).toMatchObject({ open: 1, under_7d: 1, from_7d_to_28d: 0 });
  expect(lagging.km.known_until).toEqual({ k: '2026-03-24T00:00:00.000Z' });
  expect(lagging.km.rows[0]!.values).toMatchObject({ censored: 1, within_7d: 0 });
});
