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
});

test('volume against the trailing year, record highs', async () => {
  const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-15`);
  await seedRequests(env.store, [
    ...months.map((m, i) => ({ id: `V${i}`, endpoint: 'v', requested: day(m) })),
    ...[1, 2, 3].map((i) => ({ id: `W${i}`, endpoint: 'v', requested: day('2026-01-20') })),
  ]);
  await refreshMetrics(env.store, { sla });
  const rows = (await metric({ metric: 'volume', groupBy: ['period'], period: 'month', filters: { endpoints: ['v'] } })).rows;
  const january = rows.find((r) => r.group.period === '2026-01-01')!;
  // 12 requests over the 12 months before → 1 a month; January has 3.
  expect(january.values).toMatchObject({ opened: 3, trailing_average: 1, ratio: 3, record_high: 1, rank: 1 });
  // December 2025 has less than a year behind it.
  expect(rows.find((r) => r.group.period === '2025-12-01')!.values!.trailing_average).toBeNull();
});

test('equity: per-area KM medians, spread and ratio without suppressed areas', async () => {
  const at = (district: string, id: string, hours: number) => ({ id, endpoint: 'q', district, requested: day('2026-02-02'), closed: day('2026-02-02', hours) });
  await seedRequests(env.store, [at('X', 'X1', 10), at('X', 'X2', 20), at('X', 'X3', 30), at('Y', 'Y1', 40), at('Y', 'Y2', 50), at('Y', 'Y3', 60), at('Z', 'Z1', 500)]);
  await refreshMetrics(env.store, { sla });
  const result = await metric({ metric: 'equity', groupBy: ['district'], filters: { endpoints: ['q'] }, minN: 2 });
  expect(result.rows.map((r) => [r.group.district, r.suppressed])).toEqual([['X', false], ['Y', false], ['Z', true]]);
  expect(result.rows[0]!.value).toBeCloseTo(20 / 24, 12);
  expect(result.rows[2]!.value).toBeNull();
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
});

test('quality: the newest quality row of each endpoint', async () => {
  await refreshQuality({ store: env.store, endpointId: 'b', runId: 1, now: new Date('2026-03-30T00:00:00Z') });
  const [row] = (await metric({ metric: 'quality' })).rows;
  // Endpoint b: P5 and O4, both without coordinates.
  expect(row).toMatchObject({ group: { endpoint: 'b' }, n: 2, value: 1 });
  expect((await metric({ metric: 'quality', asOf: '2026-03-29T00:00:00Z' })).rows).toEqual([]);
});
