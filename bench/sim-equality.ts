// Fingerprints of the simulated federation's answers to a broad, fixed set of calls: every endpoint and dialect
// (discovery, services, requests lists in JSON and XML over the whole data span, every paging style, change filters,
// extensions, single ids, id lists, errors), the hostile variants and the ground-truth routes. Each answer is kept as
// status, content type, byte length and sha256 of the body, so that a change meant to leave every answer alone
// (a speed-up) can be checked against the output of the untouched code:
//   node --import tsx bench/sim-equality.ts --out /tmp/before.json [--faults none|flaky|hostile]
//   node --import tsx bench/sim-equality.ts --out /tmp/after.json --compare /tmp/before.json
// The calls are made one at a time and in a fixed order: the fault stream is drawn per call (call n always gets the
// same draw), so with --faults flaky the same faults land on the same calls. Stalls are held 1 ms instead of 4 s.
// The ports are free ports, so the origins (which discovery, the registry and /_sim/ print) are replaced by
// placeholders before hashing; everything else is compared byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { simDialects } from '../server/simulator/dialects/index.ts';
import type { SimDialect } from '../server/simulator/dialects/types.ts';
import { startSimulator } from '../server/simulator/index.ts';
import type { SimulatorState, TruthRow } from '../server/simulator/types.ts';

interface Fingerprint {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  /** Content-Length equals the bytes received. */
  lengthMatches: boolean;
  bytes: number;
  sha256: string;
}

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    compare: { type: 'string' },
    seed: { type: 'string' },
    requests: { type: 'string' },
    faults: { type: 'string' },
    now: { type: 'string' },
  },
});
const faults = (values.faults ?? 'none') as 'none' | 'flaky' | 'hostile';
const sim = await startSimulator({
  port: 0,
  seed: Number(values.seed ?? 3),
  requests: Number(values.requests ?? 30_000),
  faults,
  now: new Date(values.now ?? '2026-11-23T17:00:00Z'),
  stallMs: 1,
});
const origins = [sim.url, ...new Set(sim.registry().map((e) => new URL(e.base_url).origin))];
const results: Record<string, Fingerprint> = {};

/** The body with each origin replaced by a placeholder, as bytes (latin1 keeps every byte as it is). */
function portFree(bytes: Buffer): Buffer {
  let text = bytes.toString('latin1');
  origins.forEach((origin, i) => (text = text.replaceAll(origin, `ORIGIN${i}`)));
  return Buffer.from(text, 'latin1');
}

/** One call; its fingerprint is recorded under "METHOD path?query" and the body returned for the caller to follow. */
async function call(path: string, method = 'GET'): Promise<Buffer> {
  const response = await fetch(`${sim.url}${path}`, { method });
  const raw = Buffer.from(await response.arrayBuffer());
  const body = portFree(raw);
  const key = `${method} ${path}`;
  if (results[key]) throw new Error(`the harness called ${key} twice; calls must be unique`);
  results[key] = {
    status: response.status,
    contentType: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    lengthMatches: method === 'HEAD' || Number(response.headers.get('content-length') ?? raw.length) === raw.length,
    bytes: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  return raw;
}

/** Records in a requests answer: JSON list (bare or wrapped) or `<request>` elements; 0 for anything else. */
function recordCount(body: Buffer, format: 'json' | 'xml'): number {
  const text = body.toString('utf8');
  if (format === 'xml') return text.split('<request>').length - 1;
  try {
    const parsed = JSON.parse(text) as unknown;
    const list = Array.isArray(parsed) ? parsed : (parsed as { service_requests?: unknown[] } | null)?.service_requests;
    return Array.isArray(list) ? list.length : 0;
  } catch {
    return 0;
  }
}

/** Query parameters; an undefined one is left out. */
type Params = Record<string, string | number | undefined>;

const query = (params: Params) => {
  const text = new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();
  return text ? `?${text}` : '';
};

/** A date parameter as this server reads it: Chicago's zone-less local time, else W3C with the zone's offset. */
function dateParam(dialect: SimDialect, seconds: number): string {
  const local = DateTime.fromSeconds(seconds, { zone: dialect.city.timezone });
  return dialect.rules.dateStyle === 'local-naive' ? local.toFormat("yyyy-MM-dd'T'HH:mm:ss") : local.toISO({ suppressMilliseconds: true })!;
}

/** Every page of one list call, the way a harvester walks it; stops at a short or failed page. */
async function walk(dialect: SimDialect, format: 'json' | 'xml', params: Params): Promise<void> {
  const base = `${dialect.city.prefix}requests.${format}`;
  const rule = dialect.rules.paging;
  if (rule.kind === 'none') {
    await call(base + query(params));
    return;
  }
  const size = rule.kind === 'offset' ? rule.maxSizeFiltered : rule.maxSize;
  for (let page = 1; page <= 200; page++) {
    const paging = rule.kind === 'offset' ? { limit: size, offset: (page - 1) * size } : { page, page_size: size };
    const body = await call(base + query({ ...params, ...paging }));
    if (recordCount(body, format) < size) return;
  }
}

async function truthOf(endpointId: string, tag: string): Promise<TruthRow[]> {
  const text = (await call(`/_sim/truth/${endpointId}.ndjson?t=${tag}`)).toString('utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as TruthRow);
}

/** Everything one endpoint answers to, at the current clock; `tag` keeps the calls of a later clock apart. */
async function exerciseEndpoint(dialect: SimDialect, state: SimulatorState, tag: string): Promise<void> {
  const id = `sim-${dialect.id}`;
  const { prefix, discoveryPrefix } = dialect.city;
  const rules = dialect.rules;
  const truth = await truthOf(id, tag);
  const now = Date.parse(state.clock) / 1000;
  const jurisdiction = rules.jurisdiction === 'required-any' ? { jurisdiction_id: 'fixmystreet.com' } : {};
  const listed = (params: Params, format: 'json' | 'xml' = 'json') =>
    call(`${prefix}requests.${format}${query({ ...jurisdiction, ...params, t: tag })}`);

  // Discovery and services.
  if (discoveryPrefix) for (const format of ['json', 'xml']) await call(`${discoveryPrefix}discovery.${format}?t=${tag}`);
  for (const format of ['json', 'xml'] as const) {
    await call(`${prefix}services.${format}?t=${tag}`);
    for (const locale of ['fi', 'sv', 'en_GB', 'xx']) await call(`${prefix}services.${format}?locale=${locale}&t=${tag}`);
  }
  const codes = dialect.services(null).map((s) => s.code);
  for (const code of [codes[0]!, codes[codes.length - 1]!, 'no-such-code']) {
    for (const format of ['json', 'xml']) await call(`${prefix}services/${encodeURIComponent(code)}.${format}?t=${tag}`);
  }

  // The whole data span in 30-day windows, every page, plain and with extensions, JSON and XML.
  const first = Date.parse(truth[0]?.requested_at ?? state.clock) / 1000;
  for (const [format, extensions] of [['json', false], ['json', true], ['xml', true], ['xml', false]] as const) {
    for (let from = first - 3600; from < now; from += 30 * 86400) {
      const window = { start_date: dateParam(dialect, from), end_date: dateParam(dialect, Math.min(now, from + 30 * 86400)) };
      await walk(dialect, format, { ...jurisdiction, ...window, ...(extensions ? { extensions: 'true' } : {}), t: tag });
    }
  }
  // The change feed over the last 20 days, every page.
  const changed = { after: dateParam(dialect, now - 20 * 86400), before: dateParam(dialect, now - 86400) };
  if (rules.updated === 'range') {
    await walk(dialect, 'json', { updated_after: changed.after, t: tag });
    await walk(dialect, 'xml', { updated_after: changed.after, updated_before: changed.before, extensions: 'true', t: tag });
  }
  if (rules.updated === 'since') await walk(dialect, 'json', { updated: changed.after, t: tag });

  // Paging styles and their edges, no paging at all, default windows.
  const paging: Params[] = [
    {}, { page: 1 }, { page: 2 }, { page: 0 }, { page: -1 }, { page: 'x' }, { page: 3, page_size: 7 }, { page: 2, page_size: 5000 },
    { page_size: 0 }, { page: 100_000, page_size: 1000 }, { offset: 0 }, { offset: 30, limit: 10 }, { offset: -5, limit: 1000 },
    { offset: 1_000_000 }, { limit: 0 }, { max_requests: 5 }, { max_requests: 5000 }, { max_requests: 'x' },
  ];
  for (const params of paging) await listed(params);
  await listed({ page: 2, page_size: 3 }, 'xml');
  await listed({ offset: 12, limit: 4 }, 'xml');

  // Filters: status, service_code, windows with several zone spellings and DST edges, end-exclusive boundaries.
  const windowStart = dateParam(dialect, now - 10 * 86400);
  for (const status of ['open', 'closed', 'open,closed', 'bogus']) await listed({ status, start_date: windowStart, page_size: 50, limit: 50 });
  for (const code of [codes[0]!, `${codes[0]},${codes[1] ?? codes[0]}`, 'no-such-code']) {
    await listed({ service_code: code, start_date: windowStart });
  }
  await listed({ service_code: codes[0]!, status: 'closed', start_date: dateParam(dialect, now - 60 * 86400), page: 2, page_size: 10 });
  const spellings = [
    '2026-11-01', '2026-11-01T06:30:00Z', '2026-11-01T01:30:00-05:00', '2026-11-01T01:30:00 05:00', '2026-11-01T01:30:00.5+0100',
    '2026-11-01T01:30:00', '2026-03-08T02:30:00', '2026-03-29T02:30:00', '2026-10-25T01:30:00', '2025-11-02T01:30:00',
  ];
  for (const start of spellings) await listed({ start_date: start, end_date: '2026-11-15T00:00:00Z' });
  for (const end of spellings) await listed({ end_date: end, page_size: 20, limit: 20 });
  const exact = truth[Math.floor(truth.length / 2)];
  if (exact) {
    const at = Date.parse(exact.requested_at) / 1000;
    await listed({ start_date: dateParam(dialect, at), end_date: dateParam(dialect, at) });
    await listed({ start_date: dateParam(dialect, at - 3600), end_date: dateParam(dialect, at) }, 'xml');
  }
  for (const bad of ['garbage', '2026-13-01T00:00:00Z', '2026-02-31T00:00:00Z', '2026-11-01T25:00:00', '']) {
    await listed({ start_date: bad });
    await listed({ end_date: bad }, 'xml');
    await listed({ updated_after: bad, updated: bad });
  }
  await listed({ updated_after: changed.after, updated_before: changed.before, updated: changed.after, start_date: windowStart });
  await listed({ extensions: '1', page_size: 10, limit: 10 });
  await listed({ extensions: 'false', page_size: 10, limit: 10 });
  await listed({ extensions: '0' }, 'xml');

  // Jurisdictions.
  for (const value of ['', 'cityofchicago.org', 'elsewhere.org']) await call(`${prefix}requests.json${query({ jurisdiction_id: value, page_size: 3, limit: 3, t: tag })}`);
  await call(`${prefix}requests/${encodeURIComponent(truth[0]?.service_request_id ?? 'x')}.json?t=${tag}-no-jurisdiction`);

  // Single records and id lists: first, last, middle, malformed, duplicates, an unknown and an invalid id.
  const picks = [truth[0], truth[truth.length - 1], exact, ...truth.filter((t) => t.malformed).slice(0, 3), ...truth.filter((t) => t.duplicate_of).slice(0, 2)]
    .filter((t): t is TruthRow => t !== undefined)
    .map((t) => t.service_request_id)
    .filter((idText, i, all) => all.indexOf(idText) === i);
  const unknown = ['999999999', '00-00000000', 'zzzzzzzzzzzzzzzzzzzz', '0000000000000000000a0000', '1-1999', 'not an id', '%E0%A4%A'];
  for (const idText of [...picks, ...unknown]) {
    for (const format of ['json', 'xml']) {
      const path = idText.startsWith('%') ? idText : encodeURIComponent(idText);
      await call(`${prefix}requests/${path}.${format}${query({ ...jurisdiction, t: tag })}`);
    }
    await call(`${prefix}requests/${encodeURIComponent(idText)}.json${query({ ...jurisdiction, extensions: 'true', t: `${tag}x` })}`);
  }
  const lists = [picks.slice(0, 3).join(','), `${picks[0]}, ${picks[1]},${unknown[0]},${picks[0]}`, picks.join(','), `${unknown[1]},${unknown[2]}`];
  for (const list of new Set(lists)) {
    await listed({ service_request_id: list });
    await listed({ service_request_id: list, extensions: 'true', start_date: '2030-01-01T00:00:00Z' }, 'xml');
  }

  // Not resources, not GET.
  for (const rest of ['requests', 'requests.csv', 'foo.json', 'requests/a/b.json', 'services', 'discovery.json']) await call(`${prefix}${rest}?t=${tag}-rest`);
  await call(`${prefix}requests.json?t=${tag}`, 'POST');
  await call(`${prefix}requests.json?page_size=2&limit=2&t=${tag}`, 'HEAD');
}

/** The generic endpoint with one deviation each. */
async function exerciseHostile(): Promise<void> {
  const conformance = JSON.parse((await call('/_sim/conformance')).toString('utf8')) as { hostile: { name: string; base_url: string }[] };
  const truth = await truthOf('sim-generic', 'hostile');
  const someId = truth[truth.length - 3]?.service_request_id ?? '4000000';
  for (const { base_url } of conformance.hostile) {
    const base = new URL(base_url).pathname;
    for (const rest of [
      'requests.json', 'requests.json?start_date=2026-11-01T00:00:00Z&end_date=2026-11-10T00:00:00Z', 'requests.json?status=closed',
      'requests.json?service_code=' + encodeURIComponent(simDialects[0]!.dialect.services(null)[0]!.code), 'requests.json?page_size=5&page=2',
      'requests.json?start_date=garbage', `requests/${someId}.json`, 'requests/4.json', 'requests.xml', 'services.json', 'services.xml',
      'discovery.json', `requests.json?service_request_id=${someId},4000001`,
    ]) {
      await call(`${base}${rest}`);
    }
  }
  await call('/hostile/no-such-variant/generic/open311/v2/requests.json');
  await call('/hostile/naive-datetimes/chicago/open311/v2/requests.json');
}

async function exerciseSimRoutes(state: SimulatorState, tag: string): Promise<void> {
  for (const ep of state.endpoints) await call(`/_sim/truth/${ep.id}/services.json?t=${tag}`);
  for (const path of ['/_sim/truth/sim-nowhere.ndjson', '/_sim/nothing', '/no/endpoint/here', '/']) await call(`${path}?t=${tag}`);
  await call(`/_sim/advance?hours=0&t=${tag}`);
  await call(`/_sim/state?t=${tag}`, 'POST');
}

try {
  // The starting clock, then a later one (5 h on: more closures, Chicago's fresh web requests listed with ids).
  for (const [tag, advance] of [['a', 0], ['b', 5]] as const) {
    if (advance) await call(`/_sim/advance?hours=${advance}`, 'POST');
    const state = JSON.parse((await call(`/_sim/state?t=${tag}`)).toString('utf8')) as SimulatorState;
    for (const { dialect } of simDialects) await exerciseEndpoint(dialect, state, tag);
    await exerciseSimRoutes(state, tag);
  }
  await exerciseHostile();
  await call('/_sim/state?t=end');
} finally {
  await sim.close();
}

const calls = Object.keys(results).length;
const statuses = Object.values(results).reduce<Record<number, number>>((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});
console.log(`${calls} calls (faults ${faults}); statuses ${JSON.stringify(statuses)}; ${Object.values(results).reduce((n, r) => n + r.bytes, 0)} body bytes`);
if (values.out) writeFileSync(values.out, `${JSON.stringify(results, null, 1)}\n`);
if (values.compare) {
  const reference = JSON.parse(readFileSync(values.compare, 'utf8')) as Record<string, Fingerprint>;
  const keys = [...new Set([...Object.keys(reference), ...Object.keys(results)])];
  const differing = keys.filter((k) => JSON.stringify(reference[k]) !== JSON.stringify(results[k]));
  for (const k of differing.slice(0, 20)) console.log(`DIFFERS ${k}\n  reference ${JSON.stringify(reference[k])}\n  now       ${JSON.stringify(results[k])}`);
  console.log(differing.length ? `${differing.length} of ${keys.length} calls differ from ${values.compare}` : `all ${keys.length} calls identical to ${values.compare}`);
  process.exitCode = differing.length ? 1 : 0;
}
