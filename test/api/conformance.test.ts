import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkEndpoint } from '../../pipelines/conformance/live/check-endpoint.ts';
import { serveFederation, type ServedFederation } from './support/served-federation.ts';

let f: ServedFederation;

beforeAll(async () => {
  f = await serveFederation({ requests: 4000, seed: 6 });
});
afterAll(() => f?.close());

describe('fed311’s own /open311/v2 passes `fed311 check` (pipelines/conformance)', () => {
  test('every jurisdiction, in JSON and XML: zero findings of any severity', async () => {
    for (const endpoint of f.sim.registry()) {
      for (const format of ['json', 'xml'] as const) {
        const report = await checkEndpoint({ url: `${f.url}/open311/v2/`, format, jurisdictionId: endpoint.id, deps: f.deps });
        expect({ jurisdiction: endpoint.id, format, counts: report.counts, findings: report.findings }).toEqual({
          jurisdiction: endpoint.id, format, counts: { error: 0, warning: 0, info: 0 }, findings: [],
        });
        expect(report.calls.length).toBeGreaterThan(5);
      }
    }
  });
});
