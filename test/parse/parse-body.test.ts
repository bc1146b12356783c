import { describe, expect, test } from 'vitest';
import { BodyError, parseBody, type ParsedBody } from '../../pipelines/parse/index.ts';
import { fixtureBytes } from '../normalize/support/run-fixture.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (bytes: Uint8Array, expected: 'json' | 'xml' = 'json', contentType: string | null = null) => parseBody({ bytes, contentType, expected });

function xmlOf(body: ParsedBody): { root: string; value: Record<string, unknown> } {
  if (body.kind !== 'xml') throw new Error(`expected xml, got ${body.kind}`);
  return { root: body.root, value: body.value as Record<string, unknown> };
}

function jsonOf(body: ParsedBody): unknown {
  if (body.kind !== 'json') throw new Error(`expected json, got ${body.kind}`);
  return body.value;
}

function bodyError(run: () => unknown): BodyError {
  try {
    run();
  } catch (error) {
    if (error instanceof BodyError) return error;
    throw error;
  }
  throw new Error('expected a BodyError');
}

describe('parseBody: QUIRKS §10 bodies', () => {
  test('UTF-8 BOM before JSON (helsinki/discovery.json)', () => {
    const bytes = fixtureBytes('helsinki/discovery.json');
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xef, 0xbb, 0xbf]);
    const value = jsonOf(parse(bytes)) as { changeset: string; endpoints: unknown[] };
    expect(value.changeset).toBe('2013-05-08 09:20');
    expect(Array.isArray(value.endpoints)).toBe(true);
  });

  test('a blank line before the XML declaration (san-francisco/services-2011-leading-newline.xml)', () => {
    const { root, value } = xmlOf(parse(fixtureBytes('san-francisco/services-2011-leading-newline.xml'), 'xml'));
    expect(root).toBe('services');
    const services = value.service as Record<string, unknown>[];
    expect(services).toHaveLength(36);
    expect(services[0]).toMatchObject({ service_code: '001', metadata: 'false', type: 'realtime', keywords: '', group: 'Litter Receptacles', service_name: 'Cans_Left_Out_24x7' });
  });

  test('declared UTF-8 but really Latin-1 (helsinki/services-sv.xml) decodes as Latin-1', () => {
    const { root, value } = xmlOf(parse(fixtureBytes('helsinki/services-sv.xml'), 'xml', 'application/xml; charset=utf-8'));
    expect(root).toBe('services');
    const services = value.service as Record<string, string>[];
    expect(services).toHaveLength(10);
    expect(services[0]?.description).toBe('Ge respons om du hittar egendom eller utrustning är trasig.');
    expect(services[1]?.service_name).toBe('Sanitation kränkning');
  });

  test('leading-zero numbers in the spec example JSON become strings', () => {
    const requests = jsonOf(parse(fixtureBytes('spec-examples/wiki/requests.json'))) as Record<string, unknown>[];
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ service_request_id: 638344, service_code: '006', address_id: 545483, zipcode: 94122, lat: 37.762221815 });
    const services = jsonOf(parse(fixtureBytes('spec-examples/wiki/services.json'))) as Record<string, unknown>[];
    expect(services.map((s) => s.service_code)).toEqual(['001', '002', '003']);
  });

  test('truncated JSON is a BodyError that says so', () => {
    const whole = fixtureBytes('chicago/requests-2012-12-01-extensions.json');
    const error = bodyError(() => parse(whole.subarray(0, 5000)));
    expect(error.message).toMatch(/^truncated JSON/);
    expect(error.detail?.snippet).toMatch(/^\[\{"status":"submitted"/);
  });

  test('truncated XML (san-francisco/requests-2010-11-17.xml ends <request></service_requests>) is a BodyError', () => {
    const error = bodyError(() => parse(fixtureBytes('san-francisco/requests-2010-11-17.xml'), 'xml', 'text/xml'));
    expect(error.message).toMatch(/^malformed or truncated XML: Expected closing tag 'request'/);
    expect(error.message).toContain('content-type text/xml');
  });

  test('an HTML page served with 200 is a BodyError naming the page', () => {
    const html = utf8('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    const error = bodyError(() => parse(html, 'json', 'text/html'));
    expect(error.message).toBe('got an HTML page instead of json: "502 Bad Gateway" (expected json, content-type text/html)');
    expect(error.detail?.contentType).toBe('text/html');
    expect(bodyError(() => parse(utf8('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'), 'xml')).message).toMatch(/^got an HTML page instead of xml/);
  });

  test('a body that is neither JSON nor XML names what it starts with', () => {
    const error = bodyError(() => parse(fixtureBytes('spec-examples/wiki/errors.json')));
    expect(error.message).toMatch(/^body is neither JSON nor XML, it starts with "HTTP\/1\.1 403 Forbidden/);
    expect(bodyError(() => parse(utf8('  \n '))).message).toMatch(/^empty body/);
  });

  test('a single request object (not in an array) parses as that object', () => {
    const value = jsonOf(parse(utf8('{"service_request_id":"1","status":"open"}')));
    expect(value).toEqual({ service_request_id: '1', status: 'open' });
  });
});

describe('parseBody: sniffing and XML details', () => {
  test('the body decides the format, not the content type', () => {
    expect(parse(utf8('[{"a":1}]'), 'xml', 'text/xml').kind).toBe('json');
    expect(parse(utf8('<service_requests/>'), 'json', 'application/json').kind).toBe('xml');
  });

  test('XML values stay strings: "001" is not turned into 1, empty elements are ""', () => {
    const { value } = xmlOf(parse(utf8('<service_requests><request><service_code>001</service_code><lat>37.7</lat><description/><media_url></media_url></request></service_requests>'), 'xml'));
    expect(value.request).toEqual({ service_code: '001', lat: '37.7', description: '', media_url: '' });
  });

  test('xsi:nil="true" elements become null; other attributes and namespace prefixes are dropped', () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?><ns:service_requests xmlns:ns="http://wiki.open311.org/GeoReport_v2" type="array" is_array="true">'
      + '<ns:request><ns:updated_datetime xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
      + '<ns:status_notes xsi:nil="false" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">ok</ns:status_notes></ns:request></ns:service_requests>';
    const { root, value } = xmlOf(parse(utf8(xml), 'xml'));
    expect(root).toBe('service_requests');
    expect(value).toEqual({ request: { updated_datetime: null, status_notes: 'ok' } });
  });

  test('entities and character references are decoded once', () => {
    const { value } = xmlOf(parse(utf8('<r><a>K&#246;ln &amp; Bonn &amp;lt;</a></r>'), 'xml'));
    expect(value.a).toBe('Köln & Bonn &lt;');
  });

  test('text is trimmed before it is decoded, so encoded edge blanks stay; HTML entities decode too', () => {
    const { value } = xmlOf(parse(utf8('<r><a>  line&#13;&#10;</a><b>&nbsp;5&euro; &unknown;</b></r>'), 'xml'));
    expect(value).toEqual({ a: 'line\r\n', b: '\u00a05€ &unknown;' });
  });

  test('repeated elements become a list; text beside children goes under #text; CDATA is kept as written; comments are dropped', () => {
    const xml = '<r><a>1</a><a>2</a><a/><m>pre<c>x</c> post</m><d><![CDATA[ <b>raw</b> &amp; ]]></d><e>x<!-- note -->y</e></r>';
    const { value } = xmlOf(parse(utf8(xml), 'xml'));
    expect(value).toEqual({ a: ['1', '2', ''], m: { c: 'x', '#text': 'prepost' }, d: ' <b>raw</b> &amp; ', e: 'xy' });
  });

  test('line ends are normalised to \\n as XML requires', () => {
    expect(xmlOf(parse(utf8('<r><a>x\r\ny\rz</a></r>'), 'xml')).value).toEqual({ a: 'x\ny\nz' });
  });

  test('element names that reach Object.prototype are refused or renamed', () => {
    expect(bodyError(() => parse(utf8('<r><__proto__><x>1</x></__proto__></r>'), 'xml')).message).toMatch(/__proto__/);
    expect(xmlOf(parse(utf8('<r><toString>1</toString></r>'), 'xml')).value).toEqual({ __toString: '1' });
    expect(bodyError(() => parse(utf8('<r><ns:constructor/></r>'), 'xml')).message).toMatch(/"constructor" is not allowed/);
    expect(bodyError(() => parse(utf8('<r></prototype></r>'), 'xml')).message).toMatch(/"prototype" is not allowed/);
    expect(xmlOf(parse(utf8('<r><ns:valueOf>1</ns:valueOf><top>2</top><value>3</value></r>'), 'xml')).value).toEqual({ __valueOf: '1', top: '2', value: '3' });
  });

  test('a close tag matches its open tag by local name: another prefix closes it too, another name does not', () => {
    expect(xmlOf(parse(utf8('<a:r><a:x>1</b:x><x>2</a:x></a:r>'), 'xml')).value).toEqual({ x: ['1', '2'] });
    expect(bodyError(() => parse(utf8('<r><x>1</xy></r>'), 'xml')).message).toMatch(/Expected closing tag 'x' instead of closing tag 'xy'/);
    expect(bodyError(() => parse(utf8('<r><xy>1</x></r>'), 'xml')).message).toMatch(/Expected closing tag 'xy' instead of closing tag 'x'/);
  });

  test('elements without children are their text, or \'\' when empty; children keep mixed text under #text', () => {
    expect(xmlOf(parse(utf8('<r><a> t </a><b/><c></c><d>x<e>1</e>y</d><f><g/></f></r>'), 'xml')).value).toEqual({ a: 't', b: '', c: '', d: { e: '1', '#text': 'xy' }, f: { g: '' } });
  });

  test('a document cut anywhere before its root closes is a BodyError; junk text after the root is ignored', () => {
    const xml = '<?xml version="1.0"?><service_requests><request><id>1</id><d>a &amp; b</d></request></service_requests>';
    for (let cut = 1; cut < xml.length; cut++) {
      expect(() => parse(utf8(xml.slice(0, cut)), 'xml'), `cut at ${cut}`).toThrow(BodyError);
    }
    expect(xmlOf(parse(utf8(`${xml}\nGenerated in 0.2s`), 'xml')).value).toEqual({ request: { id: '1', d: 'a & b' } });
    expect(bodyError(() => parse(utf8('<a>1</a></b>'), 'xml')).message).toMatch(/Closing tag 'b' has not been opened/);
    expect(bodyError(() => parse(utf8('<?xml version="1.0"?>junk<a>1</a>'), 'xml')).message).toMatch(/text outside the root element/);
  });

  test('several root elements are refused', () => {
    expect(bodyError(() => parse(utf8('<a>1</a><b>2</b>'), 'xml')).message).toMatch(/^malformed or truncated XML: Multiple possible root nodes/);
  });

  test('a UTF-16 body with a BOM is decoded', () => {
    const text = '[{"service_request_id":"ä1"}]';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    expect(jsonOf(parse(bytes))).toEqual([{ service_request_id: 'ä1' }]);
  });
});
