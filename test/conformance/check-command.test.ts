import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkEndpoint, type CheckReport } from '../../pipelines/conformance/live/check-endpoint.ts';
import { startSimulator, type Simulator } from '../../server/simulator/index.ts';
import { runFed311 } from '../support/run-fed311.ts';
import { testDeps } from '../support/test-deps.ts';

const fed311 = runFed311;

async function checkJson(args: string[]): Promise<{ code: number | null; report: CheckReport }> {
  const result = await fed311(['check', ...args, '--json']);
  return { code: result.code, report: JSON.parse(result.stdout) as CheckReport };
}

/** A few children at a time: each is a Node process of its own. */
async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 3, requests: 20_000, faults: 'none', now: new Date('2026-03-01T00:00:00Z') });
});
afterAll(() => sim?.close());

const baseOf = (id: string) => sim.registry().find((e) => e.id === id)!.base_url;

describe('fed311 check against the simulator', () => {
  test('the generic endpoint is conformant: exit 0, no finding at all (and none in XML either)', async () => {
    const { code, report } = await checkJson([baseOf('sim-generic')]);
    expect({ code, findings: report.findings }).toEqual({ code: 0, findings: [] });
    expect(report).toMatchObject({ format: 'json', conformant: true, counts: { error: 0, warning: 0, info: 0 }, jurisdiction_id: null });
    expect(report.calls.length).toBeGreaterThanOrEqual(10);
    expect(report.calls.length).toBeLessThanOrEqual(16);
    const asXml = await checkEndpoint({ url: baseOf('sim-generic'), format: 'xml', deps: testDeps() });
    expect(asXml.findings).toEqual([]);
  });

  test('each hostile variant: exit 1, naming exactly the deviation it injects', async () => {
    const variants = sim.conformance().hostile;
    expect(variants.length).toBeGreaterThanOrEqual(10);
    const results = await inBatches(variants, 4, async (variant) => ({ variant, ...(await checkJson([variant.base_url])) }));
    for (const { variant, code, report } of results) {
      expect({ variant: variant.name, code, found: report.findings.map((f) => f.check_id).sort() }).toEqual({
        variant: variant.name, code: 1, found: [...variant.checks].sort(),
      });
    }
  });

  test('the dialect endpoints: every deviation a check always sees, nothing undeclared', async () => {
    const declared = sim.conformance().endpoints;
    // The same code as the command, in-process: the command itself is spawned above and below.
    const results = await Promise.all(declared.map(async (endpoint) => {
      const jurisdictionId = sim.registry().find((e) => e.id === endpoint.id)!.jurisdiction_id;
      return { endpoint, report: await checkEndpoint({ url: baseOf(endpoint.id), format: 'json', jurisdictionId, deps: testDeps() }) };
    }));
    for (const { endpoint, report } of results) {
      const found = report.findings.map((f) => f.check_id);
      const always = endpoint.deviations.filter((d) => d.seen_by.includes('check')).map((d) => d.check_id);
      const allowed = new Set(endpoint.deviations.map((d) => d.check_id));
      expect({ endpoint: endpoint.id, missing: always.filter((id) => !found.includes(id)), undeclared: found.filter((id) => !allowed.has(id)) })
        .toEqual({ endpoint: endpoint.id, missing: [], undeclared: [] });
    }
    expect(results.filter((r) => r.report.conformant).map((r) => r.endpoint.id).sort()).toEqual(['sim-connectedbits', 'sim-generic']);
  });

  test('the readable report groups findings by severity, each with its id, count and an example call', async () => {
    const citysdk = await fed311(['check', baseOf('sim-citysdk')]);
    expect(citysdk.code).toBe(1);
    expect(citysdk.stdout).toMatch(/NOT conformant/);
    expect(citysdk.stdout).toMatch(/\nErrors\n {2}wrong_type \(×\d+\): request fields have the wrong type/);
    expect(citysdk.stdout).toMatch(/\nWarnings\n {2}(duplicate_in_answer|field_name_deviation) \(×\d+\)/);
    expect(citysdk.stdout).toMatch(/e\.g\. GET http:\/\/127\.0\.0\.1:\d+\/citysdk\/palautews\/rest\/v1\/requests\.json: request "[^"]+": lat = "/);
  });

  test('--json: the report object with findings and the calls made', async () => {
    const variant = sim.conformance().hostile.find((h) => h.name === 'html-errors')!;
    const { report } = await checkJson([variant.base_url, '--jurisdiction-id', 'sfgov.org']);
    expect(Object.keys(report).sort()).toEqual(['calls', 'conformant', 'counts', 'findings', 'format', 'jurisdiction_id', 'url']);
    expect(report).toMatchObject({ url: variant.base_url, format: 'json', jurisdiction_id: 'sfgov.org', conformant: false, counts: { error: 2, warning: 0, info: 0 } });
    for (const finding of report.findings) expect(Object.keys(finding).sort()).toEqual(['check_id', 'count', 'example', 'message', 'severity']);
    expect(report.findings.find((f) => f.check_id === 'error_status')?.example).toMatch(/requests\/fed311-check-no-such-request\.json\?jurisdiction_id=sfgov\.org: HTTP 200, expected 404/);
    for (const call of report.calls) {
      expect(Object.keys(call).sort()).toEqual(['content_type', 'status', 'url']);
      if (!call.url.includes('discovery')) expect(call.url).toContain('jurisdiction_id=sfgov.org');
    }
  });
});

describe('fed311 check arguments', () => {
  test('bad arguments exit 2 with one line; an unreachable endpoint fails the job (exit 1)', async () => {
    for (const args of [['check'], ['check', 'http://127.0.0.1:9/', '--format', 'csv']]) {
      const result = await fed311(args);
      expect({ args, code: result.code, lines: result.stderr.trim().split('\n').length }).toEqual({ args, code: 2, lines: 1 });
    }
    const unreachable = await fed311(['check', 'http://127.0.0.1:9/open311/v2/']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^fed311 check: cannot reach http:\/\/127\.0\.0\.1:9\/open311\/v2\//);
  });
});
