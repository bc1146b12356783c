import pLimit from 'p-limit';
import { expect, test } from 'vitest';
import { createGate } from '../../pipelines/fetch/gate.ts';
import { createGates } from '../../pipelines/fetch/gates.ts';
import type { Endpoint } from '../../pipelines/registry/types.ts';
import { testDeps } from '../support/test-deps.ts';

const endpoint = (id: string, base_url: string, rate: number): Endpoint => ({
  id, name: id, base_url, dialect: 'seeclickfix', format: 'json', timezone: 'UTC', rate_limit_per_minute: rate,
  enabled: true, concurrency: 1, timeout_seconds: 30, schedule: '*/15 * * * *', trailing_days: 3,
});

test('call starts are spaced by the rate limit and a pause holds every later call', async () => {
  const deps = testDeps();
  const gate = createGate({ concurrency: 1, ratePerMinute: 20, next: pLimit(8), deps });
  const starts: number[] = [];
  const t0 = deps.now().getTime();
  await gate.run(async () => starts.push(deps.now().getTime() - t0));
  await gate.run(async () => starts.push(deps.now().getTime() - t0));
  gate.pauseFor(10_000);
  await gate.run(async () => starts.push(deps.now().getTime() - t0));
  expect(starts).toEqual([0, 3000, 13_000]);
});

test('never more than `concurrency` calls in flight', async () => {
  const gate = createGate({ concurrency: 2, ratePerMinute: 1e9, next: pLimit(8), deps: testDeps() });
  let inFlight = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: 10 }, () =>
      gate.run(async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      }),
    ),
  );
  expect(peak).toBe(2);
});

test('tenants of one host share the host’s rate; another host is not slowed, and a 429 pause holds the host', async () => {
  const deps = testDeps();
  const a = endpoint('a', 'https://seeclickfix.com/open311/v2/29/', 20);
  const b = endpoint('b', 'https://seeclickfix.com/open311/v2/655/', 20);
  const c = endpoint('c', 'https://other.example/open311/v2/', 20);
  const gates = createGates({ endpoints: [a, b, c], rateOf: () => 20, globalConcurrency: 8, hostConcurrency: 4, deps });
  const t0 = deps.now().getTime();
  const at = () => deps.now().getTime() - t0;
  const starts: string[] = [];
  const [ga, gb, gc] = [gates.forEndpoint(a, 20), gates.forEndpoint(b, 20), gates.forEndpoint(c, 20)];
  await ga.run(async () => starts.push(`a@${at()}`));
  await gb.run(async () => starts.push(`b@${at()}`));
  await gc.run(async () => starts.push(`c@${at()}`));
  ga.pauseFor(60_000);
  await gb.run(async () => starts.push(`b@${at()}`));
  expect(starts).toEqual(['a@0', 'b@3000', 'c@3000', 'b@63000']);
});
