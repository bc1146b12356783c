import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeMetric, refreshMetrics } from '../../pipelines/metrics/index.ts';
import { tempStore } from '../support/temp-store.ts';
import { hoursAfter, seedRequests, type SeedRequest } from './support/seed.ts';

const t0 = '2026-03-02T00:00:00Z';

describe('Kaplan–Meier on a hand-worked set with censoring', () => {
  let env: Awaited<ReturnType<typeof tempStore>>;
  const asOf = hoursAfter(t0, 48);

  beforeAll(async () => {
    env = await tempStore();
    // Durations (h): closed 2, 4, 10, 30; open at as-of after 4 (opened 44 h in), 6 (42 h in) and 48 h.
    await seedRequests(env.store, [
      { id: 'A', requested: t0, closed: hoursAfter(t0, 2) },
      { id: 'B', requested: t0, closed: hoursAfter(t0, 4) },
      { id: 'C', requested: hoursAfter(t0, 44) },
      { id: 'D', requested: hoursAfter(t0, 42) },
      { id: 'E', requested: t0, closed: hoursAfter(t0, 10) },
      { id: 'F', requested: t0 },
      { id: 'G', requested: t0, closed: hoursAfter(t0, 30) },
    ]);
    await refreshMetrics(env.store);
  });
  afterAll(() => env.cleanup());

  test('the KM median (10 h) differs from the closed-only median (7 h)', async () => {
    // Ordered times: 2e 4e 4c 6c 10e 30e 48c. S(2) = 6/7, S(4) = 6/7·5/6 = 5/7, S(10) = 5/7·2/3 = 10/21 ≤ 0.5,
    // S(30) = 10/21·1/2 = 5/21; never ≤ 0.1. Closed only: 2, 4, 10, 30 → median (4 + 10)/2 = 7 h.
    const km = await computeMetric(env.store, { metric: 'ttc_km', asOf, minN: 1 });
    const naive = await computeMetric(env.store, { metric: 'ttc_closed', asOf, minN: 1 });
    const [row] = km.rows;
    expect(row!.n).toBe(7);
    expect(row!.values).toMatchObject({ closed: 4, censored: 3, p90_days: null });
    expect(row!.value).toBeCloseTo(10 / 24, 12);
    expect(row!.values!.within_1d).toBeCloseTo(1 - 10 / 21, 12);
    expect(row!.values!.within_7d).toBeCloseTo(1 - 5 / 21, 12);
    expect(naive.rows[0]!.value).toBeCloseTo(7 / 24, 12);
    expect(naive.rows[0]!.n).toBe(4);
  });

  test('an earlier as-of censors what closed later', async () => {
    // At 12 h only A, B and E have closed (2, 4, 10); G is open (censored at 12), C and D not yet opened.
    const km = await computeMetric(env.store, { metric: 'ttc_km', asOf: hoursAfter(t0, 12), minN: 1 });
    // Times 2e 4e 10e 12c 12c (F, G): S(2) = 4/5, S(4) = 3/5, S(10) = 3/5·2/3 = 2/5 → median 10 h.
    expect(km.rows[0]).toMatchObject({ n: 5, values: { closed: 3, censored: 2 } });
    expect(km.rows[0]!.value).toBeCloseTo(10 / 24, 12);
  });
});

describe('Kaplan–Meier equals a direct product-limit computation', () => {
  let env: Awaited<ReturnType<typeof tempStore>>;
  const asOf = hoursAfter(t0, 24 * 30);
  const requests: SeedRequest[] = [];

  beforeAll(async () => {
    env = await tempStore();
    // A deterministic mix of whole-hour durations under 7 days (the estimator's exact range), with many ties and
    // requests opened late enough to be censored at every age.
    let x = 7;
    const next = () => (x = (x * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 400; i++) {
      const openedAt = Math.floor(next() * (24 * 30 - 1));
      const duration = 1 + Math.floor(next() * 160);
      const closes = next() < 0.8 && openedAt + duration <= 24 * 30;
      requests.push({
        id: `k${i}`,
        category: i % 2 ? 'pothole' : 'graffiti',
        requested: hoursAfter(t0, openedAt),
        closed: closes ? hoursAfter(t0, openedAt + duration) : null,
      });
    }
    await seedRequests(env.store, requests);
    await refreshMetrics(env.store);
  });
  afterAll(() => env.cleanup());

  test('median, p90 and the survival at 1 and 7 days match per category', async () => {
    const result = await computeMetric(env.store, { metric: 'ttc_km', asOf, groupBy: ['category'], minN: 1 });
    expect(result.rows.map((r) => r.group.category)).toEqual(['graffiti', 'pothole']);
    for (const row of result.rows) {
      const direct = productLimit(requests.filter((r) => (r.category ?? 'pothole') === row.group.category), asOf);
      expect(row.n).toBe(direct.n);
      expect(row.values!.median_days).toBeCloseTo(direct.median / 24, 12);
      expect(row.values!.p90_days).toBe(direct.p90 === null ? null : direct.p90 / 24);
      expect(row.values!.within_1d).toBeCloseTo(1 - direct.survivalAt(24), 12);
      expect(row.values!.within_7d).toBeCloseTo(1 - direct.survivalAt(168), 12);
    }
  });
});

/** The textbook estimator over exact hours: S(t) = Π (1 − d_i / n_i) over event times t_i ≤ t. */
function productLimit(requests: SeedRequest[], asOf: string) {
  const hours = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 3_600_000;
  const observations = requests.map((r) => ({
    time: r.closed ? hours(r.requested, r.closed) : hours(r.requested, asOf),
    event: Boolean(r.closed),
  }));
  const eventTimes = [...new Set(observations.filter((o) => o.event).map((o) => o.time))].sort((a, b) => a - b);
  let survival = 1;
  const curve: { time: number; survival: number }[] = [];
  for (const time of eventTimes) {
    const atRisk = observations.filter((o) => o.time >= time).length;
    const events = observations.filter((o) => o.event && o.time === time).length;
    survival *= 1 - events / atRisk;
    curve.push({ time, survival });
  }
  const firstBelow = (level: number) => curve.find((point) => point.survival <= level)?.time ?? null;
  return {
    n: observations.length,
    median: firstBelow(0.5)!,
    p90: firstBelow(0.1),
    survivalAt: (time: number) => curve.filter((point) => point.time <= time).at(-1)?.survival ?? 1,
  };
}
