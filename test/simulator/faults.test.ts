import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../server/simulator/index.ts';
import { endpointOf, get, rowsOf, startTestSimulator, type Answer } from './sim-test-kit.ts';

let flaky: Simulator;
let hostile: Simulator;
beforeAll(async () => {
  [flaky, hostile] = await Promise.all([
    startTestSimulator({ faults: 'flaky', stallMs: 30 }),
    startTestSimulator({ faults: 'hostile', stallMs: 30 }),
  ]);
});
afterAll(async () => {
  await flaky?.close();
  await hostile?.close();
});

type Kind = 'ok' | 'server_error' | 'too_many_requests' | 'html_200' | 'truncated' | 'repeated_page';
function kindOf(answer: Answer, firstPage: string): Kind {
  if (answer.status === 429) return answer.headers.get('retry-after') === '1' ? 'too_many_requests' : 'ok';
  if (answer.status >= 500) return 'server_error';
  if (answer.contentType.startsWith('text/html')) return 'html_200';
  if (answer.body === undefined) return 'truncated';
  return answer.text === firstPage ? 'repeated_page' : 'ok';
}

async function survey(sim: Simulator, calls: number): Promise<Record<Kind, number>> {
  const base = `${endpointOf(sim, 'chicago').base_url}requests.json?start_date=2025-06-01T00:00:00&end_date=2026-02-01T00:00:00&page_size=100`;
  let first: Answer;
  do first = await get(`${base}&page=1`);
  while (first.status !== 200 || first.body === undefined);
  const counts: Record<Kind, number> = { ok: 0, server_error: 0, too_many_requests: 0, html_200: 0, truncated: 0, repeated_page: 0 };
  for (let i = 0; i < calls; i++) counts[kindOf(await get(`${base}&page=2`), first.text)]++;
  return counts;
}

describe('faults are per call and transient', () => {
  test('flaky: every kind shows up at small rates and the same URL keeps succeeding; hostile is about 3× worse', async () => {
    const calm = await survey(flaky, 1500);
    const rough = await survey(hostile, 1500);
    console.log('faults over 1500 calls of one URL:', { flaky: calm, hostile: rough });
    for (const kind of ['server_error', 'too_many_requests', 'html_200', 'truncated', 'repeated_page'] as const) {
      expect({ kind, seen: calm[kind] > 0 }).toEqual({ kind, seen: true });
    }
    expect(calm.ok).toBeGreaterThan(1300);
    const failed = (c: Record<Kind, number>) => 1500 - c.ok;
    expect(failed(rough)).toBeGreaterThan(2 * failed(calm));
    expect((flaky.state().fault_counts as Record<string, number>).stall).toBeGreaterThan(0);
  });

  test('ground-truth routes never fail', async () => {
    for (let i = 0; i < 100; i++) expect((await get(`${hostile.url}/_sim/state`)).status).toBe(200);
  });
});

describe('malformed records are a persistent property of the record', () => {
  async function valid(url: string): Promise<Record<string, unknown>[]> {
    for (;;) {
      const answer = await get(url);
      if (answer.status === 200 && answer.body !== undefined) return rowsOf(answer);
    }
  }

  test('about 1 in 400 records; the same ones, the same way, on every call and in the truth', async () => {
    const endpoint = endpointOf(flaky, 'connectedbits');
    const truth = flaky.truth(endpoint.id);
    const malformed = truth.filter((t) => t.malformed !== null);
    expect(malformed.length).toBeGreaterThan(0);
    expect(malformed.length / truth.length).toBeLessThan(1 / 100);
    const url = `${endpoint.base_url}requests.json?start_date=2025-01-01T00:00:00Z&end_date=2026-03-01T00:00:00Z&page_size=100`;
    const bad = (rows: unknown[]) => rows.filter((r) => typeof r !== 'object' || r === null || !('service_request_id' in r) ||
      (r as Record<string, unknown>).status === '???' || !/^\d{4}-\d\d-\d\dT/.test(String((r as Record<string, unknown>).requested_datetime)));
    const pages = Math.ceil(truth.length / 100);
    const seen: unknown[][] = [[], []];
    for (let round = 0; round < 2; round++) {
      for (let page = 1; page <= pages; page++) seen[round]!.push(...bad(await valid(`${url}&page=${page}`)));
    }
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[0]!.length).toBe(malformed.length);
    const kinds = new Set(flaky.registry().flatMap((e) => flaky.truth(e.id).map((t) => t.malformed)));
    expect(kinds).toEqual(new Set([null, 'missing_id', 'bad_requested_datetime', 'bad_status', 'not_an_object']));
  });
});
