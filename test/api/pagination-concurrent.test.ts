import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { harvest } from '../../pipelines/harvest.ts';
import { testDeps } from '../support/test-deps.ts';
import { serveFederation, type ServedFederation } from './support/served-federation.ts';

let f: ServedFederation;

beforeAll(async () => {
  f = await serveFederation({ requests: 5000, seed: 21 });
});
afterAll(() => f?.close());

type Page = { rows: { endpoint_id: string; service_request_id: string; status: string }[]; next: string | null };

describe('keyset pagination while a harvest writes', () => {
  test('pages neither skip nor repeat a row while new requests arrive and others close', async () => {
    const before = new Set((await f.store.query<{ k: string }>(`SELECT endpoint_id || '/' || service_request_id AS k FROM service_requests`)).map((r) => r.k));
    f.sim.advance(3 * 86_400_000); // three simulated days: new requests, and open ones closing
    let harvesting = true;
    const run = harvest({ store: f.store, endpoints: f.sim.registry(), deps: testDeps({ start: f.sim.now() }) }).finally(() => (harvesting = false));
    const seen: string[] = [];
    let pagesDuringHarvest = 0;
    let cursor: string | null = null;
    do {
      if (harvesting) pagesDuringHarvest += 1;
      const response = await fetch(`${f.url}/api/v1/requests?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      const page = (await response.json()) as Page;
      seen.push(...page.rows.map((r) => `${r.endpoint_id}/${r.service_request_id}`));
      cursor = page.next;
    } while (cursor);
    const summaries = await run;
    expect(summaries.reduce((n, s) => n + s.inserted + s.updated, 0)).toBeGreaterThan(0); // the harvest did write
    expect(pagesDuringHarvest).toBeGreaterThan(10); // ... while the pages were being read
    expect(new Set(seen).size).toBe(seen.length); // nothing repeated
    const seenSet = new Set(seen);
    expect([...before].filter((key) => !seenSet.has(key))).toEqual([]); // nothing that was there is skipped
  });
});
