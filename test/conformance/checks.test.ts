import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkIds, checks } from '../../pipelines/conformance/catalog.ts';
import { checkListAnswer } from '../../pipelines/conformance/check-answer.ts';
import { checkContentType, checkXmlDeclaration, envelopeDeviation } from '../../pipelines/conformance/check-envelope.ts';
import { checkRequests } from '../../pipelines/conformance/check-requests.ts';
import { checkServices, discoveryProblem, serviceDefinitionProblem } from '../../pipelines/conformance/check-services.ts';
import { checkDateWindow } from '../../pipelines/conformance/check-window.ts';
import { judgeDatetime } from '../../pipelines/conformance/datetime.ts';
import { isSpecErrorBody, judgeErrorAnswer } from '../../pipelines/conformance/live/error-answer.ts';
import type { Probe } from '../../pipelines/conformance/live/probe-client.ts';
import { checkDefaultWindow } from '../../pipelines/conformance/live/probe-filters.ts';
import { recordFacts } from '../../pipelines/conformance/live/record-facts.ts';
import { isConformant, mergeObservations, observe, toFindings, type Observations } from '../../pipelines/conformance/observations.ts';
import { parseBody, type ParsedBody } from '../../pipelines/parse/index.ts';

const json = (value: unknown): ParsedBody => ({ kind: 'json', value });
const xml = (text: string): ParsedBody => parseBody({ bytes: Buffer.from(text), contentType: 'text/xml', expected: 'xml' });
const summary = (observations: Observations) => Object.fromEntries(Object.entries(observations).map(([id, seen]) => [id, seen!.count]));

const clean = {
  service_request_id: '638344', status: 'closed', status_notes: null, service_name: 'Sidewalk', service_code: '006', description: null,
  agency_responsible: null, service_notice: null, requested_datetime: '2010-04-14T06:37:38-08:00', updated_datetime: '2010-04-14T06:37:38Z',
  expected_datetime: null, address: '8TH AVE and JUDAH ST', address_id: null, zipcode: '94122', lat: 37.762221815, long: -122.4651145, media_url: null,
};

function requestsOf(records: unknown[], format: 'json' | 'xml' = 'json'): Record<string, number> {
  const observations: Observations = {};
  checkRequests({ records, format, where: 'GET /requests.json', observations });
  return summary(observations);
}

describe('date-times (W3C-DTF, zone mandatory)', () => {
  test.each([
    ['2010-04-14T06:37:38-08:00', 'ok'],
    ['2010-01-01T00:00:00Z', 'ok'],
    ['2026-02-01T10:00:00.000Z', 'ok'],
    ['2026-02-01T10:00Z', 'ok'],
    ['2026-02-01T10:00:00', 'no_zone'],
    ['2010-11-17 01:00:56.743', 'no_zone'],
    ['2026-02-01T10:00:00+0100', 'not_w3c'],
    ['2026-02-01 10:00:00+01:00', 'not_w3c'],
    ['2026-02-01', 'not_w3c'],
    ['not-a-date', 'unparseable'],
    ['31/02/2026', 'unparseable'],
    ['2026-13-01T00:00:00Z', 'unparseable'],
    ['true', 'unparseable'],
    // W3C with seconds is judged from fixed places (a fast path); the same limits hold there.
    ['2026-02-01T10:00:61Z', 'unparseable'],
    ['2026-02-01T24:00:00Z', 'ok'],
    ['2026-02-31T10:00:00Z', 'ok'],
    ['2026-02-01T10:00:60+01:00', 'ok'],
    ['2026-02-01T10:00:00.123456-05:00', 'ok'],
    ['2026-00-01T10:00:00Z', 'unparseable'],
    ['2026-02-00T10:00:00Z', 'unparseable'],
    ['2026-02-01T25:00:00Z', 'unparseable'],
    ['2026-02-01T10:60:00Z', 'unparseable'],
    [' 2026-02-01T10:00:00Z', 'not_w3c'],
    ['2026-02-01T10:00:00+01:60', 'ok'],
  ])('%s → %s', (value, verdict) => {
    expect(judgeDatetime(value)).toBe(verdict);
  });
});

describe('request records', () => {
  test('a spec record has no finding, in JSON and as XML text', () => {
    expect(requestsOf([clean])).toEqual({});
    const asXmlText = Object.fromEntries(Object.entries(clean).map(([k, v]) => [k, v === null ? '' : String(v)]));
    expect(requestsOf([asXmlText], 'xml')).toEqual({});
  });

  test('required fields: absent, null or empty count; a token stands in for the id', () => {
    const { service_code: _code, ...noCode } = clean;
    expect(requestsOf([noCode, { ...clean, service_request_id: 'b', requested_datetime: '' }, { ...clean, service_request_id: 'c', status: null }])).toEqual({ required_field_missing: 3 });
    expect(requestsOf([{ ...clean, service_request_id: null, token: '12345' }])).toEqual({});
  });

  test('wrong types: numeric ids and zip codes, string coordinates, objects where text belongs', () => {
    expect(requestsOf([{ ...clean, service_request_id: 638344, zipcode: 94122 }])).toEqual({ wrong_type: 2 });
    expect(requestsOf([{ ...clean, lat: '37.76', long: '-122.46' }])).toEqual({ wrong_type: 2 });
    expect(requestsOf([{ ...clean, agency_responsible: { recipient: ['Merton Council'] }, media_url: ['a', 'b'] }])).toEqual({ wrong_type: 2 });
    // XML is all text: a coordinate must read as a number, an empty one is fine.
    expect(requestsOf([{ ...clean, lat: 'north', long: '' }], 'xml')).toEqual({ wrong_type: 1 });
  });

  test('date-times, status words, vendor field names and repeated ids are named', () => {
    const records = [
      { ...clean, requested_datetime: '2026-02-01T10:00:00', updated_datetime: '31/02/2026', expected_datetime: '2026-02-01T10:00:00+0100' },
      { ...clean, service_request_id: '2', status: 'acknowledged' },
      { ...clean, service_request_id: '3', address_string: 'Main St 1', address: undefined, status_note: 'x' },
      { ...clean, service_request_id: '2' },
    ];
    expect(requestsOf(records)).toEqual({
      datetime_without_zone: 1, datetime_unparseable: 1, datetime_not_w3c: 1, status_not_open_closed: 1, field_name_deviation: 2, duplicate_in_answer: 1,
    });
  });

  test('an item that is no object is a malformed record, and nothing else is asked of it', () => {
    expect(requestsOf(['ERROR: 4000001', 7])).toEqual({ malformed_record: 2 });
  });
});

describe('envelopes, content types, XML declaration', () => {
  test('requests: a bare JSON array or <service_requests> of <request> is the spec; wrappers are named', () => {
    expect(envelopeDeviation({ body: json([clean]), list: 'requests' })).toBeNull();
    expect(envelopeDeviation({ body: json([]), list: 'requests' })).toBeNull();
    expect(envelopeDeviation({ body: xml('<service_requests><request><status>open</status></request></service_requests>'), list: 'requests' })).toBeNull();
    expect(envelopeDeviation({ body: xml('<service_requests/>'), list: 'requests' })).toBeNull();
    expect(envelopeDeviation({ body: json({ service_requests: [clean] }), list: 'requests' })).toMatch(/JSON object \(keys: service_requests\)/);
    expect(envelopeDeviation({ body: json([{ requests: [{ request: [clean] }] }]), list: 'requests' })).toMatch(/one-item array wrapping "requests"/);
    expect(envelopeDeviation({ body: xml('<requests><request><status>open</status></request></requests>'), list: 'requests' })).toMatch(/<requests> instead of <service_requests>/);
    expect(envelopeDeviation({ body: json({ services: [] }), list: 'services' })).toMatch(/JSON object/);
  });

  test('Content-Type must name the body: JSON application/json, XML text/xml or application/xml', () => {
    const observations: Observations = {};
    for (const [contentType, kind] of [['application/json; charset=utf-8', 'json'], ['text/xml; charset=utf-8', 'xml'], ['application/xml', 'xml']] as const) {
      checkContentType({ contentType, kind, check: 'wrong_content_type', where: 'x', observations });
    }
    expect(observations).toEqual({});
    checkContentType({ contentType: 'text/html; charset=utf-8', kind: 'json', check: 'wrong_content_type', where: 'x', observations });
    checkContentType({ contentType: null, kind: 'xml', check: 'wrong_content_type', where: 'x', observations });
    checkContentType({ contentType: 'application/json', kind: 'json', check: 'services_wrong_content_type', where: 'x', observations });
    expect(summary(observations)).toEqual({ wrong_content_type: 2 });
    expect(observations.wrong_content_type!.example).toBe('x: a JSON body sent as "text/html; charset=utf-8"');
  });

  test('XML answers begin with their declaration (a BOM before it is fine)', () => {
    const observations: Observations = {};
    checkXmlDeclaration({ bytes: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><services/>'), where: 'a', observations });
    checkXmlDeclaration({ bytes: Buffer.from('\ufeff<?xml version="1.0"?><services/>'), where: 'b', observations });
    expect(observations).toEqual({});
    checkXmlDeclaration({ bytes: Buffer.from('\n<?xml version="1.0"?><services/>'), where: 'c', observations });
    expect(summary(observations)).toEqual({ xml_declaration_missing: 1 });
  });

  test('a 404 that a dialect read as "no rows" is the finding, and nothing else is judged', () => {
    const observations: Observations = {};
    const body = json({ error: { code: 404, message: 'No Service requests found' } });
    checkListAnswer({ answer: { status: 404, contentType: 'text/plain', bytes: Buffer.from(''), body, items: [], where: 'GET /requests.json' }, list: 'requests', observations });
    expect(summary(observations)).toEqual({ empty_list_not_found: 1 });
  });
});

describe('services, service definitions, discovery', () => {
  const service = { service_code: '001', service_name: 'Cans left out 24x7', description: 'x', metadata: true, type: 'realtime', keywords: 'lorem', group: 'sanitation' };

  test('services: required fields, metadata a boolean, type one of three, codes strings', () => {
    const observations: Observations = {};
    checkServices({ services: [service], format: 'json', where: 's', observations });
    checkServices({ services: [{ ...service, metadata: 'true', type: 'realtime' }], format: 'xml', where: 's', observations });
    expect(observations).toEqual({});
    const { type: _type, ...untyped } = service;
    checkServices({ services: [untyped, { ...service, metadata: 'false' }, { ...service, metadata: 'True', type: 'instant' }, { ...service, service_code: 6 }], format: 'json', where: 's', observations });
    expect(summary(observations)).toEqual({ services_field_missing: 1, services_wrong_type: 4 });
  });

  test('service definitions: the spec example passes; a missing service_code, bad datatype or non-list attributes do not', () => {
    const attribute = { variable: true, code: 'WHISHETN', datatype: 'singlevaluelist', required: true, datatype_description: null, order: 1, description: 'What?', values: [{ key: 123, name: 'Ford' }] };
    expect(serviceDefinitionProblem({ body: json({ service_code: 'DMV66', attributes: [attribute] }), format: 'json' })).toBeNull();
    expect(serviceDefinitionProblem({ body: json({ service_code: 'X', attributes: [] }), format: 'json' })).toBeNull();
    const early = xml('<service_definition><service_code>X</service_code><attribute><variable>true</variable><code>A</code><datatype>string</datatype><required>false</required><order>1</order><description>d</description></attribute></service_definition>');
    expect(serviceDefinitionProblem({ body: early, format: 'xml' })).toBeNull();
    expect(serviceDefinitionProblem({ body: json({ attributes: [] }), format: 'json' })).toBe('no service_code');
    expect(serviceDefinitionProblem({ body: json({ service_code: 'X', attributes: [{ ...attribute, datatype: 'date' }] }), format: 'json' })).toMatch(/datatype "date"/);
    expect(serviceDefinitionProblem({ body: json({ service_code: 'X', attributes: [{ ...attribute, required: 'true' }] }), format: 'json' })).toMatch(/required = "true"/);
    expect(serviceDefinitionProblem({ body: json([{ service_code: 'X' }]), format: 'json' })).toMatch(/array instead of an object/);
  });

  test('discovery: the recorded Helsinki document passes; wrapped or incomplete ones do not', () => {
    const helsinki = parseBody({ bytes: readFileSync(new URL('../fixtures/open311/helsinki/discovery.json', import.meta.url)), contentType: null, expected: 'json' });
    expect(discoveryProblem({ body: helsinki })).toBeNull();
    const document = { changeset: '2024', contact: 'c', key_service: 'k', endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'u', changeset: '2024', type: 'production', formats: ['text/xml'] }] };
    expect(discoveryProblem({ body: json(document) })).toBeNull();
    expect(discoveryProblem({ body: json({ discovery: document }) })).toMatch(/wrapped/);
    expect(discoveryProblem({ body: json({ ...document, endpoints: [{ ...document.endpoints[0], formats: 'text/xml' }] }) })).toMatch(/formats/);
    const { contact: _contact, ...noContact } = document;
    expect(discoveryProblem({ body: json(noContact) })).toBe('no contact');
  });
});

describe('filters and errors', () => {
  test('a window check allows a second at each bound, and a zone-less time its slack', () => {
    const observations: Observations = {};
    const window = { start: Date.parse('2026-01-01T00:00:00Z'), end: Date.parse('2026-01-02T00:00:00Z') };
    const requested = [
      { id: 'a', at: window.start - 1000, slackMs: 0 },
      { id: 'b', at: window.end + 1000, slackMs: 0 },
      { id: 'c', at: window.end + 5 * 3_600_000, slackMs: 14 * 3_600_000 },
      { id: 'd', at: window.end + 2000, slackMs: 0 },
      { id: 'e', at: window.start - 86_400_000, slackMs: 0 },
    ];
    checkDateWindow({ requested, window, where: 'w', observations });
    expect(summary(observations)).toEqual({ filter_ignored_date_window: 2 });
    expect(observations.filter_ignored_date_window!.example).toMatch(/request "d" requested 2026-01-02T00:00:02.000Z/);
  });

  test('the default window is judged from the newest request returned, not the clock', () => {
    const facts = ['2024-12-01T00:00:00Z', '2025-03-30T00:00:00Z', '2025-04-02T00:00:00Z'].map((t, i) => recordFacts({ service_request_id: String(i), requested_datetime: t }));
    const observations: Observations = {};
    checkDefaultWindow({ facts: facts.slice(1), where: 'w', observations });
    expect(observations).toEqual({});
    checkDefaultWindow({ facts, where: 'w', observations });
    expect(summary(observations)).toEqual({ filter_ignored_default_window: 1 });
  });

  test('record facts read zone-less times as UTC with 14 hours of slack', () => {
    expect(recordFacts({ service_request_id: 5, status: 'open', service_code: 'A', requested_datetime: '2026-01-01T10:00:00' })).toEqual({
      id: '5', status: 'open', serviceCode: 'A', requestedAt: Date.parse('2026-01-01T10:00:00Z'), slackMs: 14 * 3_600_000,
    });
    expect(recordFacts('junk')).toEqual({ id: null, status: null, serviceCode: null, requestedAt: null, slackMs: 0 });
  });

  test('error answers: the spec list with the right status passes; HTML, vendor shapes and 200s are named', () => {
    expect(isSpecErrorBody(json([{ code: 404, description: 'not found' }]))).toBe(true);
    expect(isSpecErrorBody(xml('<errors><error><code>403</code><description>bad key</description></error></errors>'))).toBe(true);
    expect(isSpecErrorBody(xml('<error>Invalid api_key received</error>'))).toBe(false);
    expect(isSpecErrorBody(json({ error: { code: 404, message: 'No Service requests found' } }))).toBe(false);
    const probe = (status: number, body: ParsedBody | null): Probe => ({ where: 'GET /requests/x.json', status, contentType: null, bytes: Buffer.from('<html>'), body, problem: null });
    const judged = (p: Probe, expectedStatus: 400 | 404, listIsFine = false) => {
      const observations: Observations = {};
      judgeErrorAnswer({ probe: p, expectedStatus, listIsFine, observations });
      return summary(observations);
    };
    expect(judged(probe(404, json([{ code: 404, description: 'x' }])), 404)).toEqual({});
    expect(judged(probe(200, null), 404)).toEqual({ error_status: 1, error_format: 1 });
    expect(judged(probe(404, json({ error: { code: 404, message: 'x' } })), 404)).toEqual({ error_format: 1 });
    expect(judged(probe(200, json([])), 404)).toEqual({ error_status: 1 });
    expect(judged(probe(200, json([clean])), 400, true)).toEqual({});
    expect(judged(probe(500, json([{ code: 500, description: 'x' }])), 400)).toEqual({ error_status: 1 });
  });
});

describe('observations and the catalog', () => {
  test('observations aggregate counts and keep the first example; findings sort errors first; warnings do not fail', () => {
    const a: Observations = {};
    observe(a, 'field_name_deviation', 'first');
    observe(a, 'field_name_deviation', 'second', 4);
    const b: Observations = {};
    observe(b, 'cap_hit', 'capped');
    observe(b, 'wrong_type', 'typed');
    mergeObservations(a, b);
    const findings = toFindings(a);
    expect(findings.map((f) => [f.check_id, f.severity, f.count, f.example])).toEqual([
      ['wrong_type', 'error', 1, 'typed'], ['field_name_deviation', 'warning', 5, 'first'], ['cap_hit', 'info', 1, 'capped'],
    ]);
    expect(isConformant(findings)).toBe(false);
    expect(isConformant(findings.filter((f) => f.severity !== 'error'))).toBe(true);
  });

  test('docs/conformance.md documents every check id with its severity', () => {
    const docs = readFileSync(new URL('../../docs/conformance.md', import.meta.url), 'utf8');
    for (const id of checkIds) expect({ id, documented: docs.includes(`| \`${id}\` | ${checks[id].severity} |`) }).toEqual({ id, documented: true });
  });
});
