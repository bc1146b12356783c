import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Simulator } from '../../server/simulator/index.ts';
import { get, startTestSimulator } from './sim-test-kit.ts';

let a: Simulator;
let b: Simulator;
let other: Simulator;
beforeAll(async () => {
  [a, b, other] = await Promise.all([
    startTestSimulator({ seed: 5 }),
    startTestSimulator({ seed: 5 }),
    startTestSimulator({ seed: 6 }),
  ]);
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close(), other?.close()]);
});

/** One wide page per endpoint and format, with extensions: the bytes a harvester would see. */
// Ports differ between two simulators; everything else must not.
const anyOrigin = /http:\/\/127\.0\.0\.1:\d+/g;

async function bytes(sim: Simulator): Promise<string[]> {
  const out: string[] = [];
  for (const endpoint of sim.registry()) {
    const dates = endpoint.dialect === 'chicago' ? 'start_date=2025-10-01T00:00:00&end_date=2026-01-01T00:00:00' : 'start_date=2025-10-01T00:00:00Z&end_date=2026-01-01T00:00:00Z';
    const extra = endpoint.jurisdiction_id ? `&jurisdiction_id=${endpoint.jurisdiction_id}` : '';
    for (const format of ['json', 'xml']) {
      const page = await get(`${endpoint.base_url}requests.${format}?${dates}&extensions=true&page_size=200&limit=100${extra}`);
      out.push(page.text.replaceAll(anyOrigin, 'URL'));
    }
    out.push((await get(`${endpoint.base_url}services.json`)).text);
  }
  return out;
}

test('the same seed gives the same bytes and the same truth', async () => {
  const [first, second] = await Promise.all([bytes(a), bytes(b)]);
  expect(second).toEqual(first);
  for (const endpoint of a.registry()) expect(b.truth(endpoint.id)).toEqual(a.truth(endpoint.id));
  expect(b.registryYaml().replaceAll(anyOrigin, 'URL')).toEqual(a.registryYaml().replaceAll(anyOrigin, 'URL'));
});

test('another seed gives other data', async () => {
  const [first, third] = await Promise.all([bytes(a), bytes(other)]);
  const differing = first.filter((text, i) => text !== third[i]).length;
  expect(differing).toBeGreaterThan(first.length / 2);
});
