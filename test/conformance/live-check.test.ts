import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkEndpoint } from '../../pipelines/conformance/live/check-endpoint.ts';
import { loopback } from '../support/loopback.ts';
import { testDeps } from '../support/test-deps.ts';

/**
 * A small spec-following server with no request in its last 90 days, that needs jurisdiction_id: the check must
 * find a sample elsewhere, judge nothing the spec allows, and say plainly when the jurisdiction is missing.
 */
const records = Array.from({ length: 12 }, (_, i) => ({
  service_request_id: `r${i}`, status: i % 3 === 0 ? 'closed' : 'open', service_code: i % 2 ? 'A' : 'B', service_name: i % 2 ? 'Pothole' : 'Graffiti',
  requested_datetime: new Date(Date.UTC(2019, 0, 1 + i * 5)).toISOString().replace('.000Z', 'Z'), updated_datetime: null, lat: 37.7, long: -122.4,
}));
let server: Awaited<ReturnType<typeof loopback>>;

function answer(url: URL): { status: number; body: unknown } {
  const error = (status: number, description: string) => ({ status, body: [{ code: status, description }] });
  if (url.pathname === '/v2/services.json') return { status: 200, body: [] };
  if (!url.pathname.startsWith('/v2/requests')) return error(404, 'no such resource');
  if (url.searchParams.get('jurisdiction_id') !== 'example.org') return error(400, 'jurisdiction_id: required');
  const single = /^\/v2\/requests\/(.+)\.json$/.exec(url.pathname);
  if (single) {
    const found = records.filter((r) => r.service_request_id === single[1]);
    return found.length ? { status: 200, body: found } : error(404, 'no such request');
  }
  const [start, end] = ['start_date', 'end_date'].map((name) => url.searchParams.get(name));
  if ((start && Number.isNaN(Date.parse(start))) || (end && Number.isNaN(Date.parse(end)))) return error(400, 'bad date');
  const from = start ? Date.parse(start) : Date.UTC(2026, 0, 1);
  const to = end ? Date.parse(end) : Date.UTC(2026, 3, 1);
  const status = url.searchParams.get('status');
  const code = url.searchParams.get('service_code');
  const rows = records.filter((r) => {
    const at = Date.parse(r.requested_datetime);
    return at >= from && at <= to && (!status || r.status === status) && (!code || r.service_code === code);
  });
  return { status: 200, body: rows };
}

beforeAll(async () => {
  server = await loopback((req, res) => {
    const { status, body } = answer(new URL(req.url ?? '/', 'http://x'));
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  });
});
afterAll(() => server?.close());

test('an empty default window: a wide sample feeds the filter probes, and the spec-following server is conformant', async () => {
  const report = await checkEndpoint({ url: `${server.url}/v2/`, format: 'json', jurisdictionId: 'example.org', deps: testDeps({ start: new Date('2026-04-01T00:00:00Z') }) });
  expect(report.findings.map((f) => [f.check_id, f.severity])).toEqual([['discovery_not_found', 'info']]);
  expect(report.conformant).toBe(true);
  const asked = report.calls.map((c) => new URL(c.url).search);
  const wide = /start_date=2000-01-01T00%3A00%3A00Z&end_date=2026-04-01T00%3A00%3A\d\dZ/;
  expect(asked.filter((q) => wide.test(q)).map((q) => q.replace(wide, 'WIDE'))).toEqual([
    '?jurisdiction_id=example.org&WIDE', '?jurisdiction_id=example.org&WIDE&status=open', '?jurisdiction_id=example.org&WIDE&service_code=B',
    '?jurisdiction_id=example.org&WIDE&page=1&page_size=2',
  ]);
});

test('without the jurisdiction it needs, the check stops with a plain reason instead of faulting the server', async () => {
  await expect(checkEndpoint({ url: `${server.url}/v2/`, format: 'json', deps: testDeps() })).rejects.toThrow(/answered HTTP 400 .*jurisdiction_id: required.*needs --jurisdiction-id/);
});
