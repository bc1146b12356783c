import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseRegistry } from '../../pipelines/registry/load.ts';
import type { Simulator } from '../../server/simulator/index.ts';
import { get, startTestSimulator } from './sim-test-kit.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ requests: 2_000 });
});
afterAll(() => sim?.close());

test('the printed registry YAML reads back to the same entries, one per dialect, pointing at the simulator', () => {
  const entries = sim.registry();
  expect(parseRegistry({ text: sim.registryYaml(), format: 'yaml' })).toEqual(entries);
  expect(entries.map((e) => e.id)).toEqual(['generic', 'chicago', 'connectedbits', 'seeclickfix', 'citysdk', 'ureport', 'fixmystreet', 'markaspot'].map((d) => `sim-${d}`));
  // Each simulated city is its own host (its own port), as real cities are; the main port serves them all too.
  expect(new Set(entries.map((e) => new URL(e.base_url).origin)).size).toBe(entries.length);
  for (const e of entries) {
    expect(e.base_url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/${e.dialect}/.*/$`));
    expect(new URL(e.base_url).origin).not.toBe(sim.url);
    expect([e.timeout_seconds, e.rate_limit_per_minute, e.concurrency, e.enabled]).toEqual([2, 6000, 2, true]);
    expect(e.page_size).toBe(e.dialect === 'chicago' ? 500 : undefined);
    expect(e.format).toBe(e.dialect === 'generic' ? 'xml' : 'json');
  }
});

test('every endpoint serves its services list and its discovery document', async () => {
  const discovery: Record<string, string> = {
    generic: '/generic/open311/', chicago: '/chicago/open311/', connectedbits: '/connectedbits/open311/', ureport: '/ureport/crm/open311/',
  };
  for (const e of sim.registry()) {
    const services = await get(`${e.base_url}services.json`);
    expect({ id: e.id, status: services.status }).toEqual({ id: e.id, status: 200 });
    const folder = discovery[e.dialect] ? `${new URL(e.base_url).origin}${discovery[e.dialect]}` : e.base_url;
    const doc = await get(`${folder}discovery.json`);
    const body = (e.dialect === 'fixmystreet' ? (doc.body as { discovery: unknown }).discovery : doc.body) as { endpoints: { url: string }[] };
    expect(`${body.endpoints[0]?.url}/`).toBe(e.base_url);
  }
});
