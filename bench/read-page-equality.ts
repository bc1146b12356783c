// Output equality of the page read path, for performance work on it: runs readPage (and, separately, the
// canonical rows normalizeRequest returns) over
//   - the recorded real-server fixtures as the golden tests read them (endpoint, dialect, zone, service names),
//   - every recorded fixture through every dialect (error documents and odd shapes included, errors as their text),
//   - a corpus of recorded simulator pages (bench/support/read-page-corpus.ts),
// and writes a sha256 per page plus a few full samples to a JSON file. Record it on the untouched code, then
// compare after every change:
//   node --import tsx bench/read-page-equality.ts [corpus dir] > /tmp/after.json && diff /tmp/before.json /tmp/after.json
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { getDialect, dialectIds } from '../pipelines/dialects/index.ts';
import { readPage, type PageTask } from '../pipelines/harvest/read-page.ts';
import { normalizationContextKey, normalizeRequest } from '../pipelines/normalize/index.ts';
import { parseBody } from '../pipelines/parse/index.ts';
import type { Endpoint } from '../pipelines/registry/types.ts';
import { corpusDirFromArgs, loadPageCorpus } from './support/read-page-corpus.ts';

const FIXTURES = new URL('../test/fixtures/open311/', import.meta.url);

function endpointOf(overrides: Partial<Endpoint> & { id: string; dialect: string; timezone: string }): Endpoint {
  return {
    name: overrides.id, base_url: 'https://open311.example.org/v2/', format: 'json', enabled: true, concurrency: 1,
    timeout_seconds: 30, schedule: '*/15 * * * *', trailing_days: 7, ...overrides,
  };
}

// The endpoints of test/normalize/golden-*.test.ts.
const SF_BOX: [number, number, number, number] = [-122.52, 37.7, -122.35, 37.84];
const golden = {
  bloomington: endpointOf({ id: 'bloomington', dialect: 'ureport', timezone: 'America/Indiana/Indianapolis', jurisdiction_id: 'bloomington.in.gov', base_url: 'https://bloomington.in.gov/crm/open311/v2/', bbox: [-86.7, 39.0, -86.3, 39.3] }),
  chicago: endpointOf({ id: 'chicago', dialect: 'chicago', timezone: 'America/Chicago', jurisdiction_id: 'cityofchicago.org', base_url: 'http://311api.cityofchicago.org/open311/v2/', bbox: [-87.95, 41.64, -87.52, 42.03] }),
  edinburgh: endpointOf({ id: 'edinburgh', dialect: 'fixmystreet', timezone: 'Europe/London', base_url: 'https://www.fixmystreet.com/open311/v2/', bbox: [-3.45, 55.85, -3.0, 56.0] }),
  helsinki: endpointOf({ id: 'helsinki', dialect: 'citysdk', timezone: 'Europe/Helsinki', base_url: 'https://asiointi.hel.fi/palautews/rest/v1/', bbox: [24.5, 59.9, 25.3, 60.4] }),
  koeln: endpointOf({ id: 'koeln', dialect: 'markaspot', timezone: 'Europe/Berlin', jurisdiction_id: 'stadt-koeln.de', base_url: 'https://sags-uns.stadt-koeln.de/georeport/v2/', bbox: [6.77, 50.83, 7.17, 51.09] }),
  sf2010: endpointOf({ id: 'sf', dialect: 'generic', format: 'xml', timezone: 'America/Los_Angeles', jurisdiction_id: 'sfgov.org', bbox: SF_BOX }),
  sf2015: endpointOf({ id: 'sf-mobile311', dialect: 'connectedbits', timezone: 'America/Los_Angeles', jurisdiction_id: 'sfgov.org', bbox: SF_BOX }),
  spec: endpointOf({ id: 'spec', dialect: 'generic', timezone: 'America/Los_Angeles', base_url: 'https://api.city.gov/dev/v2/' }),
};

function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, FIXTURES)));
}

/** Helsinki's service names, as golden-helsinki.test.ts reads them from the services list. */
function helsinkiServiceNames(): Map<string, string> {
  const citysdk = getDialect('citysdk');
  const services = citysdk.readServices(parseBody({ bytes: fixtureBytes('helsinki/services-en.json'), contentType: null, expected: 'json' })).map((raw) => citysdk.toService(raw));
  return new Map(services.map((s) => [String(s.service_code), String(s.service_name)]));
}

function fixtureTask(path: string, endpoint: Endpoint, serviceNames = new Map<string, string>()): PageTask {
  return {
    endpoint, status: 200, contentType: null, bytes: fixtureBytes(path), serviceNames, serviceCategories: new Map(),
    contextKey: normalizationContextKey(endpoint), url: path,
    // A window that most records lie outside, so the window check has work.
    window: { start: Date.parse('2012-01-01T00:00:00Z'), end: Date.parse('2013-01-01T00:00:00Z') },
  };
}

const goldenTasks: [string, PageTask][] = [
  ['bloomington/requests-2012-05-23.json', golden.bloomington],
  ['chicago/requests-2012-12-01-extensions.json', golden.chicago],
  ['chicago/request-single-12-01952587-extensions.json', golden.chicago],
  ['chicago/requests-empty.json', golden.chicago],
  ['fixmystreet/import-requests-planned-status.json', golden.edinburgh],
  ['koeln-markaspot/requests-2024-01-100.json', golden.koeln],
  ['san-francisco/requests-2010-11-17.xml', golden.sf2010],
  ['san-francisco/request-single-773485.xml', golden.sf2010],
  ['san-francisco/request-2015-extended-attributes-EXTRACT-from-wiki.json', golden.sf2015],
  ['san-francisco/requests-2010-11-1001-converted.json', { ...golden.sf2010, format: 'json' }],
  ['spec-examples/wiki/requests.json', golden.spec],
  ['spec-examples/wiki/request.json', golden.spec],
  ['spec-examples/wiki/requests.xml', golden.spec],
  ['spec-examples/wiki/request.xml', golden.spec],
  ['spec-examples/requests-spec-example.xml', golden.spec],
  ['spec-examples/request-single-spec-example.xml', golden.spec],
  ['spec-examples/requests-empty.xml', golden.spec],
].map(([path, endpoint]) => [`golden ${path}`, fixtureTask(path as string, endpoint as Endpoint)]);
goldenTasks.push(['golden helsinki/requests-wire-sample-derived.json', fixtureTask('helsinki/requests-wire-sample-derived.json', golden.helsinki, helsinkiServiceNames())]);

function recordedFiles(dir = ''): string[] {
  return readdirSync(new URL(dir || './', FIXTURES)).flatMap((name) => {
    const path = `${dir}${name}`;
    if (statSync(new URL(path, FIXTURES)).isDirectory()) return recordedFiles(`${path}/`);
    return name.endsWith('.json') || name.endsWith('.xml') ? [path] : [];
  });
}

// Every recorded file through every dialect, in a zone with DST, as a 200 and (the "no rows" path) as a 404.
const crossTasks: [string, PageTask][] = recordedFiles().flatMap((path) =>
  dialectIds.flatMap((dialect) => {
    const endpoint = endpointOf({ id: `x-${dialect}`, dialect, timezone: 'America/New_York', format: path.endsWith('.xml') ? 'xml' : 'json' });
    return [200, 404].map((status): [string, PageTask] => [`cross ${dialect} ${status} ${path}`, { ...fixtureTask(path, endpoint), status }]);
  }),
);

/** JSON that also tells undefined, -0, NaN and infinities apart (plain JSON would drop or null them). */
function exactJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === undefined) return '«undefined»';
    if (typeof v === 'number' && (Object.is(v, -0) || !Number.isFinite(v))) return `«number ${Object.is(v, -0) ? '-0' : String(v)}»`;
    return v;
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `thrown: ${String(error)}`;
}

/** The canonical rows and rejections normalizeRequest gives for the page's records (what readPage stages). */
function canonicalOf(task: PageTask): unknown {
  try {
    const dialect = getDialect(task.endpoint.dialect);
    const records = dialect.readRequests(parseBody({ bytes: task.bytes, contentType: task.contentType, expected: task.endpoint.format }));
    return records.map((raw) => normalizeRequest({ wire: dialect.toWire(raw), endpoint: task.endpoint, serviceNames: task.serviceNames, serviceCategories: task.serviceCategories }));
  } catch (error) {
    return { error: errorText(error) };
  }
}

function pageOf(task: PageTask): unknown {
  try {
    return readPage(task);
  } catch (error) {
    return { error: errorText(error) };
  }
}

// Odd XML for the parser alone (parseBody's tree, or its error's text): namespaces, nil, CDATA, mixed content,
// entities, repeated and renamed names, mismatched and stray tags, junk around the root.
const ODD_XML = [
  '<service_requests><request><service_code>001</service_code><lat>37.7</lat><description/><media_url></media_url></request></service_requests>',
  '<r><a>K&#246;ln &amp; Bonn &amp;lt;</a></r>', '<r><a>  line&#13;&#10;</a><b>&nbsp;5&euro; &unknown;</b></r>', '<r><a>x\r\ny\rz</a></r>',
  '<r><__proto__><x>1</x></__proto__></r>', '<r><toString>1</toString></r>', '<r><x></toString></x></r>', '<r></__proto__></r>', '</__proto__>',
  '<a>1</a></b>', '<?xml version="1.0"?>junk<a>1</a>', '<a>1</a><b>2</b>', '<a>1</a>trailing junk', '<a><b>1</b>',
  '<ns:r xmlns:ns="u"><ns:a>1</ns:a><b:a>2</ns:a><a>3</b:a></ns:r>', '<ns:r><ns:a>1</x:b></ns:r>',
  '<r xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><u xsi:nil="true"/><v xsi:nil="true">text</v><w nil=" TRUE "><c>1</c></w><x xsi:nil="false">t</x><y xsi:nil="&#116;rue"/></r>',
  '<r><a><![CDATA[ <b>kept</b> &amp; ]]></a><b>x<![CDATA[y]]> z </b><c><![CDATA[]]></c></r>',
  '<r><a>text<b>1</b>more<b>2</b> tail </a><c> <d/> </c><e><!-- c -->x<!-- d -->y</e><f>p<?pi x?>q</f></r>',
  '<r><a>1</a><a>2</a><a><b/></a><c/><c></c></r>', '<r><#text>1</#text>2</r>', '<r><a><#text>1</#text></a><b>t<#text>1</#text></b></r>',
  '<r><#text>1</#text></r>', '<r><#text/></r>', '<r><a xsi:nil="true"><b>1</b></a><c xsi:nil="true"></c></r>',
  '<r>   </r>', '<r/>', '<!DOCTYPE r><r><a attr="1" other=\'2\'>v</a></r>', '<r><a>&#xZZ;&#0;&#x110000;&amp</a></r>',
].map((text, i): [string, string] => [`xml ${i}`, text]);

function parsedXml(text: string): unknown {
  try {
    return parseBody({ bytes: new TextEncoder().encode(text), contentType: 'text/xml', expected: 'xml' });
  } catch (error) {
    return { error: errorText(error) };
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const tasks = [...goldenTasks, ...crossTasks, ...loadPageCorpus(corpusDirFromArgs()).map(({ name, task }): [string, PageTask] => [`page ${name}`, task])];
const hashes: Record<string, { page: string; canonical: string }> = {};
const samples: Record<string, unknown> = {};
const total = createHash('sha256');
let records = 0;
for (const [name, task] of tasks) {
  const page = exactJson(pageOf(task));
  const canonical = exactJson(canonicalOf(task));
  hashes[name] = { page: sha256(page), canonical: sha256(canonical) };
  total.update(page).update(canonical);
  records += (JSON.parse(page) as { count?: number }).count ?? 0;
  // A few whole pages, so a difference can be read and not only detected.
  if (name.startsWith('golden chicago/requests-2012') || name === 'golden koeln-markaspot/requests-2024-01-100.json' || /^page [0-7]\.bin$/.test(name)) {
    samples[name] = { page: JSON.parse(page) as unknown, canonical: (JSON.parse(canonical) as unknown[]).slice?.(0, 3) };
  }
}
const xml = Object.fromEntries(ODD_XML.map(([name, text]) => [name, exactJson(parsedXml(text))]));
total.update(JSON.stringify(xml));
process.stdout.write(`${JSON.stringify({ total: total.digest('hex'), tasks: tasks.length, records, hashes, samples, xml }, null, 1)}\n`);
