import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pLimit from 'p-limit';
import { below, chance, pick, rngOf, type RandomGenerator } from '../../server/simulator/model/random.ts';
import type { RouteSpec } from '../../server/http/route.ts';
import { readRefusal } from './support/route-paths.ts';
import { serveFederation, type ServedFederation } from './support/served-federation.ts';

const cases = 10_000;
const seed = 311;
let f: ServedFederation;
let requestIds: string[];

beforeAll(async () => {
  f = await serveFederation({ requests: 1500, seed: 8 });
  requestIds = (await f.store.query<{ id: string }>(`SELECT service_request_id AS id FROM service_requests WHERE endpoint_id = 'sim-generic' LIMIT 20`)).map((r) => r.id);
});
afterAll(() => f?.close());

// Values that are valid for some parameter somewhere, so the fuzz also reaches the database, not only validation.
const plausible = [
  'sim-generic', 'sim-chicago', 'open', 'closed', 'open,closed', 'pothole', 'pothole,graffiti', 'true', 'false', '1', '5', '20', '1000',
  '2026-01-01', '2026-02-01T00:00:00Z', '2026-02-01T00:00:00+01:00', '-87.7,41.8,-87.6,41.9', '-180,-90,180,90', '41.85', '-87.65', '500',
  'month', 'endpoint', 'endpoint,category', 'period', 'csv', 'ndjson', 'geojson', 'parquet', 'json', 'fixed', 'street', '7', '9', 'event',
];
// Hostile: injections, huge, broken encodings, control characters, numbers at the edges, odd lists.
const hostile = [
  '', ' ', ',', ',,,', "' OR 1=1 --", '"; DROP TABLE service_requests; --', '%00', '%FF%FE', '%E0%A4%A', '%ZZ', '%', '\\', '../../etc/passwd',
  'NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x10', '9'.repeat(40), '-1', '1.5', '2026-02-30', '2026-01-01T25:00:00Z', '2026-01-01T00:00:00',
  '<script>alert(1)</script>', '{"a":1}', '[1,2]', 'null', 'undefined', '🚧🕳️', 'ʼn', '\u202e', 'x'.repeat(3000), 'a,'.repeat(300),
  '180,90,-180,-90', '-200,0,0,0', '1,2,3', 'ɑ', '%C0%AE', 'true,false',
];
const unknownNames = ['foo', 'JURISDICTION_ID', '__proto__', 'constructor', 'toString', 'a[b]', 'page[size]', 'x'.repeat(300), '%00', 'callback'];
const partners: Record<string, string[]> = { lat: ['lon', 'long'], lon: ['lat'], long: ['lat'], radius: ['lat'] };

function value(rng: RandomGenerator): string {
  const raw = chance(rng, 0.5) ? pick(rng, plausible) : pick(rng, hostile);
  // Hostile percent sequences go as sent; the rest is encoded as a client would.
  return raw.includes('%') && chance(rng, 0.7) ? raw : encodeURIComponent(raw);
}

function fuzzCase(rng: RandomGenerator, routes: readonly RouteSpec[]) {
  const route = pick(rng, routes);
  const pathValues = {
    format: pick(rng, ['json', 'json', 'xml', 'xml', 'html', 'JSON', '']),
    service_request_id: chance(rng, 0.5) && requestIds.length ? pick(rng, requestIds) : pick(rng, hostile),
    endpoint_id: pick(rng, ['sim-generic', 'sim-chicago', 'nope', ...hostile]),
    service_code: pick(rng, ['001', ...hostile]),
    name: pick(rng, ['opened', 'ttc_km', 'ttc_closed', 'backlog', 'quality', 'nope', ...hostile]),
  };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name as keyof typeof pathValues] ?? 'x'));
  const names = Object.keys(route.query.shape);
  const sent: string[] = [];
  const pairs: string[] = [];
  for (let i = below(rng, 5); i > 0; i -= 1) {
    const name = chance(rng, 0.85) && names.length ? pick(rng, names) : pick(rng, unknownNames);
    sent.push(name);
    pairs.push(`${name.includes('%') ? name : encodeURIComponent(name)}=${value(rng)}`);
  }
  const method = chance(rng, 0.97) ? route.method.toUpperCase() : pick(rng, ['PUT', 'DELETE', 'PATCH', 'HEAD']);
  return { route, path, url: `${path}${pairs.length ? `?${pairs.join('&')}` : ''}`, sent, method };
}

describe(`fuzzed query strings (${cases} seeded cases over every route)`, () => {
  test('no 5xx, no crash, and every 400 names a parameter that was sent or is required', async () => {
    const rng = rngOf(seed);
    const all = Array.from({ length: cases }, () => fuzzCase(rng, f.app.routes));
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const limit = pLimit(8);
    await Promise.all(
      all.map((c) =>
        limit(async () => {
          const response = await fetch(`${f.url}${c.url}`, { method: c.method });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500) return void problems.push(`${response.status} ${c.method} ${c.url.slice(0, 300)}: ${text.slice(0, 200)}`);
          if (response.status < 400 || c.method === 'HEAD') return;
          try {
            const body = c.path.startsWith('/open311/') && (c.path.endsWith('.xml') || !text.startsWith('[')) ? null : JSON.parse(text);
            if (body === null) {
              if (!/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<errors><error><code>\d{3}<\/code><description>/.test(text)) throw new Error(`not a GeoReport XML error: ${text.slice(0, 200)}`);
              return;
            }
            const refusal = readRefusal(c.path, response.status, body);
            if (response.status !== 400) return;
            const required = Object.entries(c.route.query.shape).filter(([, s]) => !(s as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success).map(([n]) => n);
            const allowed = new Set([...c.sent.map((n) => decodeURIComponent(n)), ...required, ...c.sent.flatMap((n) => partners[n] ?? []), 'jurisdiction_id', 'format']);
            if (!refusal.parameter || !allowed.has(refusal.parameter)) throw new Error(`refusal names ${refusal.parameter}`);
          } catch (error) {
            problems.push(`${response.status} ${c.method} ${c.url.slice(0, 300)}: ${(error as Error).message}`);
          }
        }),
      ),
    );
    expect(problems.slice(0, 20)).toEqual([]);
    // The cases reached every outcome: answers, refusals and missing resources.
    expect(statuses.get(200)).toBeGreaterThan(cases / 20);
    expect(statuses.get(400)).toBeGreaterThan(cases / 5);
    expect(statuses.get(404)).toBeGreaterThan(0);
    const health = await fetch(`${f.url}/api/v1/endpoints`);
    expect(health.status).toBe(200); // still serving after the storm
  }, 240_000);
});

