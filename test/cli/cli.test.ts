import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator } from '../../server/simulator/index.ts';
import { runFed311 as fed311 } from '../support/run-fed311.ts';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fed311-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exit codes and one-line errors (CONTRACT §4)', () => {
  test('an unknown command or a bad option is exit 2 with one line naming it', async () => {
    const unknown = await fed311(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    const faults = await fed311(['simulate', '--faults', 'chaotic']);
    expect(faults.code).toBe(2);
    expect(faults.stderr).toMatch(/--faults: "chaotic" is not one of none, flaky, hostile/);
    const option = await fed311(['harvest', '--no-such-option']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/no-such-option/);
    // node's parser explains a dash-led value over three lines; fed311 says it in one.
    const negative = await fed311(['simulate', '--requests', '-5']);
    expect(negative.code).toBe(2);
    expect(negative.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^fed311 simulate: Option '--requests' argument is ambiguous\. Did you forget/)]);
  });

  test('a bad registry fails the job (exit 1) naming the entry and the field, and stores nothing', async () => {
    const registry = join(dir, 'bad.yaml');
    writeFileSync(registry, '- id: Bad Id\n  name: x\n  base_url: ftp://example\n  dialect: nope\n  timezone: Mars/Base\n');
    const db = join(dir, 'bad.duckdb');
    const result = await fed311(['harvest', '--registry', registry, '--db', db]);
    expect(result.code).toBe(1);
    expect(existsSync(db)).toBe(false);
    expect(result.stderr).toMatch(/bad\.yaml: entry 0 \(id "Bad Id"\): id:/);
    expect(result.stderr).toMatch(/dialect/);
    expect(result.stderr).toMatch(/timezone/);
  });

  test('an unknown --endpoint is a usage error', async () => {
    const registry = join(dir, 'one.yaml');
    writeFileSync(registry, '- id: one\n  name: One\n  base_url: http://127.0.0.1:9/\n  dialect: generic\n  timezone: UTC\n');
    const result = await fed311(['harvest', '--registry', registry, '--endpoint', 'two', '--db', join(dir, 'one.duckdb')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--endpoint: no endpoint "two"/);
  });
});

describe('fed311 harvest --json against the simulator', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 5, requests: 4000, faults: 'none', now: new Date('2026-03-01T00:00:00Z') });
  });
  afterAll(() => sim?.close());

  test('prints one summary object per endpoint with the contract’s figures, and exits 0', async () => {
    const registry = join(dir, 'sim.yaml');
    writeFileSync(registry, sim.registryYaml());
    const result = await fed311(['harvest', '--registry', registry, '--db', join(dir, 'sim.duckdb'), '--json']);
    expect(result.code).toBe(0);
    const summaries = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(summaries.map((s) => s.endpoint_id)).toEqual(sim.registry().map((e) => e.id));
    for (const summary of summaries) {
      expect(summary).toMatchObject({ outcome: 'ok', mode: 'backfill', error: null });
      for (const key of ['records_seen', 'inserted', 'updated', 'rejected', 'http_calls', 'retries', 'seconds']) {
        expect(typeof summary[key]).toBe('number');
      }
      expect(summary.inserted).toBe(sim.truth(String(summary.endpoint_id)).filter((t) => t.malformed === null).length);
    }
  });
});

describe('fed311 polygons', () => {
  test('loads a GeoJSON polygon set into a store and lists it; a bad file is exit 1 naming the problem, usage errors exit 2', async () => {
    const db = join(dir, 'polygons.duckdb');
    const file = join(dir, 'wards.geojson');
    const ward = (id: string, west: number) => ({ type: 'Feature', properties: { ward: id, label: `Ward ${id}` }, geometry: { type: 'Polygon', coordinates: [[[west, 41], [west + 1, 41], [west + 1, 42], [west, 42], [west, 41]]] } });
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [ward('1', -88), ward('2', -87)] }));
    const loaded = await fed311(['polygons', 'load', file, '--id', 'wards', '--id-property', 'ward', '--name-property', 'label', '--db', db, '--json']);
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    expect(JSON.parse(loaded.stdout)).toMatchObject({ set_id: 'wards', name: 'wards', polygons: 2 });
    const listed = await fed311(['polygons', 'list', '--db', db]);
    expect(listed.stdout).toMatch(/^wards\t2 polygons\twards\tloaded /);
    writeFileSync(file, '{"type": "FeatureCollection", "features": []}');
    const empty = await fed311(['polygons', 'load', file, '--id', 'wards', '--db', db]);
    expect(empty.code).toBe(1);
    expect(empty.stderr.trim()).toMatch(/^fed311 polygons: not a polygon FeatureCollection: features: /);
    // The set loaded before is kept.
    expect((await fed311(['polygons', 'list', '--db', db, '--json'])).stdout).toMatch(/"polygons":2/);
    for (const [args, message] of [
      [['polygons'], /expected "load FILE --id ID" or "list", got nothing/],
      [['polygons', 'load', file, '--db', db], /--id is required/],
      [['polygons', 'load', join(dir, 'missing.geojson'), '--id', 'x', '--db', db], /cannot read .*missing\.geojson: ENOENT/],
    ] as const) {
      const result = await fed311([...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
