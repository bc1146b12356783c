import { describe, expect, test } from 'vitest';
import { dialectIds, getDialect } from '../../pipelines/dialects/index.ts';
import { EnvelopeError, parseBody } from '../../pipelines/parse/index.ts';
import { fixtureBytes } from '../normalize/support/run-fixture.ts';

const text = (value: string) => parseBody({ bytes: new TextEncoder().encode(value), contentType: null, expected: 'json' });
const file = (path: string) => parseBody({ bytes: fixtureBytes(path), contentType: null, expected: 'json' });
const generic = getDialect('generic');

describe('readRequests: the spec envelope, read generously (every dialect)', () => {
  const shapes: [string, string, number][] = [
    ['JSON bare array', '[{"service_request_id":"1"},{"service_request_id":"2"}]', 2],
    ['JSON empty array', '[]', 0],
    ['a lone JSON object instead of a one-element array', '{"service_request_id":"1","status":"open"}', 1],
    ['FixMyStreet/Toronto wrapper', '{"service_requests":[{"service_request_id":"1"},{"service_request_id":"2"}]}', 2],
    ['empty wrapper', '{"service_requests":[]}', 0],
    ['converter wrapper', '{"requests":[{"service_request_id":"1"}]}', 1],
    ['old FixMyStreet nesting', '{"requests":[{"request":[{"service_request_id":"1"},{"service_request_id":"2"}]}]}', 2],
    ['XML <service_requests> with repeated <request>', '<service_requests><request><service_request_id>1</service_request_id></request><request><service_request_id>2</service_request_id></request></service_requests>', 2],
    ['XML single <request> (not an array)', '<service_requests><request><service_request_id>1</service_request_id></request></service_requests>', 1],
    ['6Aika XML root <requests>', '<requests><request><service_request_id>1</service_request_id></request></requests>', 1],
    ['XML lone <request> root', '<request><service_request_id>1</service_request_id></request>', 1],
    ['Klarschiff type="array" root', '<service_requests type="array"><request><service_request_id>1</service_request_id></request></service_requests>', 1],
    ['empty XML list', '<service_requests>\n</service_requests>', 0],
  ];
  for (const id of dialectIds) {
    test.each(shapes)(`${id}: %s`, (_name, body, count) => {
      expect(getDialect(id).readRequests(text(body))).toHaveLength(count);
    });
  }

  test('recorded empty answers: chicago/requests-empty.json and spec-examples/requests-empty.xml', () => {
    expect(generic.readRequests(file('chicago/requests-empty.json'))).toEqual([]);
    expect(generic.readRequests(file('spec-examples/requests-empty.xml'))).toEqual([]);
  });
});

describe('readRequests: error bodies are EnvelopeErrors', () => {
  test.each([
    ['spec JSON error list', '[{"code":403,"description":"Invalid api_key received"}]', 'server answered with an error: 403 Invalid api_key received'],
    ['Mark-a-Spot error object', '{"error":{"code":400,"message":"Bad start_date"}}', 'server answered with an error: 400 Bad start_date'],
    ['bare XML <error>', '<error>Invalid api_key received</error>', 'server answered with an error: Invalid api_key received'],
    ['an object that is no list', '{"meta":{"total":3}}', 'JSON object without a records list (keys: meta)'],
    ['an unexpected XML root', '<services><service/></services>', 'unexpected XML root <services> (expected <service_requests> or <requests>)'],
  ])('%s', (_name, body, message) => {
    expect(() => generic.readRequests(text(body))).toThrow(new EnvelopeError(message));
  });

  test('recorded spec error lists (errors/error-404-not-found.xml, boston/error-400-duplicate.xml)', () => {
    expect(() => generic.readRequests(file('errors/error-404-not-found.xml'))).toThrow('server answered with an error: 404 Service request not found with id or token not-an-id');
    expect(() => getDialect('connectedbits').readRequests(file('boston/error-400-duplicate.xml'))).toThrow('server answered with an error: 400 Invalid service request: base is a duplicate.');
  });

  test('Mark-a-Spot: the 404 "No Service requests found" body means no rows; other errors still throw', () => {
    const markaspot = getDialect('markaspot');
    expect(markaspot.readRequests(text('{"error":{"code":404,"message":"No Service requests found"}}'))).toEqual([]);
    expect(markaspot.readRequests(text('<?xml version="1.0"?>\n<error><code>404</code><message>No Service requests found</message></error>'))).toEqual([]);
    expect(() => markaspot.readRequests(text('{"error":{"code":403,"message":"Access denied"}}'))).toThrow(EnvelopeError);
    expect(() => getDialect('chicago').readRequests(text('{"error":{"code":404,"message":"No Service requests found"}}'))).toThrow(EnvelopeError);
  });
});

test('citysdk drops a request repeated within one answer (Helsinki)', () => {
  const records = getDialect('citysdk').readRequests(file('helsinki/requests-wire-sample-derived.json'));
  expect(records).toHaveLength(8);
  const ids = records.map((record) => (record as { service_request_id: string }).service_request_id);
  expect(new Set(ids).size).toBe(8);
});

describe('readServices', () => {
  test('XML with is_array junk on the root (giessen/services.xml)', () => {
    const services = getDialect('markaspot').readServices(file('giessen/services.xml'));
    expect(services).toHaveLength(8);
    expect(getDialect('markaspot').toService(services[3])).toEqual({
      service_code: '012', service_name: 'Verkehrsschild beschädigt', metadata: 'false', type: 'realtime',
      description: 'Report graffiti on a building you own.', keywords: 'graffiti, paintings', extended: {}, raw: services[3],
    });
  });

  test('JSON list (bloomington/services-2012.json) and Latin-1 XML (helsinki/services-sv.xml)', () => {
    expect(getDialect('ureport').readServices(file('bloomington/services-2012.json'))).toHaveLength(46);
    const sv = getDialect('citysdk').readServices(file('helsinki/services-sv.xml'));
    expect(getDialect('citysdk').toService(sv[1])).toMatchObject({ service_code: '246', service_name: 'Sanitation kränkning', group: 'Sanitation' });
  });

  test('FixMyStreet wraps services in {"services":[…]}; a spec error list throws', () => {
    const fms = getDialect('fixmystreet');
    expect(fms.readServices(text('{"services":[{"service_code":"Pothole","service_name":"Pothole","groups":["Roads"]}]}'))).toHaveLength(1);
    expect(fms.toService({ service_code: 'Pothole', groups: ['Roads'] })).toEqual({ service_code: 'Pothole', extended: { groups: ['Roads'] }, raw: { service_code: 'Pothole', groups: ['Roads'] } });
    expect(() => fms.readServices(text('[{"code":400,"description":"jurisdiction_id required"}]'))).toThrow(EnvelopeError);
  });
});
