import { DateTime, IANAZone } from 'luxon';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Simulator } from '../../server/simulator/index.ts';
import { simDialects } from '../../server/simulator/dialects/index.ts';
import { makeFormatter, zoneOffsets } from '../../server/simulator/time/time-format.ts';
import { endpointOf, get, idsOf, rowsOf, startTestSimulator, truthIdsBetween } from './sim-test-kit.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ requests: 40_000 });
});
afterAll(() => sim?.close());

describe('chicago reads zone-less local times', () => {
  test.each([
    ['winter (CST)', '2026-01-10', '2026-01-10T06:00:00Z', '2026-01-11T06:00:00Z', '-06:00'],
    ['summer (CDT)', '2025-07-10', '2025-07-10T05:00:00Z', '2025-07-11T05:00:00Z', '-05:00'],
  ])('%s: a local day is the right UTC window and timestamps carry the DST offset', async (_, day, from, to, offset) => {
    const endpoint = endpointOf(sim, 'chicago');
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const rows = rowsOf(await get(`${endpoint.base_url}requests.json?start_date=${day}T00:00:00&end_date=${next}T00:00:00&page_size=500`));
    expect(idsOf(rows).sort()).toEqual(truthIdsBetween(sim, endpoint.id, from, to).sort());
    for (const row of rows) {
      expect(String(row.requested_datetime).slice(0, 10)).toMatch(new RegExp(`^(${day}|${next})$`));
      expect(String(row.requested_datetime).endsWith(offset)).toBe(true);
    }
  });

  test('a date with a zone (or a fraction) is refused with the spec error list', async () => {
    const endpoint = endpointOf(sim, 'chicago');
    for (const bad of ['2026-01-10T00:00:00Z', '2026-01-10T00:00:00.000', '2026-01-10']) {
      const answer = await get(`${endpoint.base_url}requests.json?start_date=${encodeURIComponent(bad)}`);
      expect({ bad, status: answer.status }).toEqual({ bad, status: 400 });
      expect((answer.body as { code: number }[])[0]?.code).toBe(400);
    }
  });

  test('updated_after/updated_before are local times too', async () => {
    const endpoint = endpointOf(sim, 'chicago');
    const [after, before] = ['2026-02-20T00:00:00', '2026-02-21T00:00:00'];
    const rows = rowsOf(await get(`${endpoint.base_url}requests.json?updated_after=${after}&updated_before=${before}&page_size=500`));
    const [a, b] = [Date.parse('2026-02-20T06:00:00Z'), Date.parse('2026-02-21T06:00:00Z')];
    const expected = sim.truth(endpoint.id).filter((t) => Date.parse(t.updated_at) >= a && Date.parse(t.updated_at) <= b);
    expect(idsOf(rows).sort()).toEqual(expected.map((t) => t.service_request_id).sort());
  });
});

describe('timestamp styles', () => {
  const offsets = (rows: Record<string, unknown>[]) => new Set(rows.map((r) => String(r.requested_datetime).slice(19)));
  test.each([
    ['markaspot', '+01:00', '+02:00', ''],
    ['fixmystreet', '+00:00', '+01:00', '&jurisdiction_id=x'],
    ['citysdk', '+02:00', '+03:00', ''],
    ['ureport', '-05:00', '-04:00', ''],
    ['seeclickfix', '-05:00', '-04:00', ''],
  ])('%s: offsets of the endpoint zone, winter %s and summer %s', async (dialect, winter, summer, extra) => {
    const base = `${endpointOf(sim, dialect).base_url}requests.json?`;
    const jan = rowsOf(await get(`${base}start_date=2026-01-05T00:00:00Z&end_date=2026-01-20T00:00:00Z${extra}`));
    const jul = rowsOf(await get(`${base}start_date=2025-07-05T00:00:00Z&end_date=2025-07-20T00:00:00Z${extra}`));
    expect([offsets(jan), offsets(jul)]).toEqual([new Set([winter]), new Set([summer])]);
  });

  test('connectedbits: UTC with milliseconds; generic: spec offsets', async () => {
    const cb = rowsOf(await get(`${endpointOf(sim, 'connectedbits').base_url}requests.json?page_size=100`));
    expect(cb.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/.test(String(r.updated_datetime)))).toBe(true);
    const generic = rowsOf(await get(`${endpointOf(sim, 'generic').base_url}requests.json`));
    expect(generic.every((r) => /-0[78]:00$/.test(String(r.requested_datetime)))).toBe(true);
  });

  test('wire timestamps are the same instants as the truth', async () => {
    for (const endpoint of sim.registry()) {
      const query = endpoint.jurisdiction_id ? `&jurisdiction_id=x` : '';
      const dates = endpoint.dialect === 'chicago' ? 'start_date=2026-02-01T00:00:00' : 'start_date=2026-02-01T00:00:00Z';
      const rows = rowsOf(await get(`${endpoint.base_url}requests.json?${dates}${query}`)).filter((r) => typeof r === 'object' && r.service_request_id);
      const truth = new Map(sim.truth(endpoint.id).map((t) => [t.service_request_id, t]));
      for (const row of rows.slice(0, 20)) {
        const t = truth.get(String(row.service_request_id))!;
        expect([Date.parse(String(row.requested_datetime)), Date.parse(String(row.updated_datetime))])
          .toEqual([Date.parse(t.requested_at), Date.parse(t.updated_at)]);
      }
    }
  });
});

describe('zone offsets (cached per day)', () => {
  const served = [...new Set(simDialects.map(({ dialect }) => dialect.city.timezone))];
  // Half-hour offsets (St John's, Lord Howe's half-hour DST), a negative DST (Dublin), month-long Ramadan breaks (Casablanca).
  const tricky = ['America/St_Johns', 'Australia/Lord_Howe', 'Europe/Dublin', 'Africa/Casablanca', 'Asia/Kathmandu'];
  const [from, to] = [Date.UTC(2023, 0, 1) / 1000, Date.UTC(2028, 0, 1) / 1000];

  test.each([...served, ...tricky])('%s: luxon\'s offset at the start of the UTC hour, every hour of 2023-2027', (zone) => {
    const iana = IANAZone.create(zone);
    const offsetAt = zoneOffsets(zone);
    const wrong: string[] = [];
    for (let hour = from / 3600; hour < to / 3600; hour++) {
      const expected = iana.offset(hour * 3_600_000);
      // The hour's first and last second, in an order that fills the cache out of sequence.
      for (const s of [hour * 3600 + 3599, hour * 3600]) {
        if (offsetAt(s) !== expected) wrong.push(`${new Date(s * 1000).toISOString()}: ${offsetAt(s)} ≠ ${expected}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  test.each(served)('%s: wire timestamps are luxon\'s ISO text, DST transitions included', (zone) => {
    const time = makeFormatter(zone, 'zone-offset');
    // Almost hourly, drifting through the minutes of the hour.
    for (let s = Date.UTC(2025, 0, 1) / 1000; s < Date.UTC(2027, 0, 1) / 1000; s += 3593) {
      expect(time(s)).toBe(DateTime.fromSeconds(s, { zone }).toISO({ suppressMilliseconds: true }));
    }
  });
});
