import { afterEach, describe, expect, test, vi } from 'vitest';
import { getDialect } from '../../pipelines/dialects/index.ts';
import type { RequestsQuery } from '../../pipelines/dialects/types.ts';
import { makeEndpoint } from './support/make-endpoint.ts';

// A week of requests (UTC midnight-ish bounds) and an updated window that crosses Chicago's 2024 spring-forward (10 March, 08:00Z).
const requested = { start: new Date('2024-03-01T06:00:00.000Z'), end: new Date('2024-03-08T06:00:00.000Z') };
const updated = { after: new Date('2024-03-10T07:30:00.000Z'), before: new Date('2024-03-10T09:15:00.250Z') };
const firstPage: RequestsQuery = { requested, page: 0, pageSize: 50 };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('generic', () => {
  const endpoint = makeEndpoint({ id: 'sf', dialect: 'generic', timezone: 'America/Los_Angeles', format: 'xml', base_url: 'https://open311.sfgov.org/v2/', jurisdiction_id: 'sfgov.org' });
  const dialect = getDialect('generic');

  test('sends the window in UTC whole seconds and no paging', () => {
    expect(dialect.requestsUrl(endpoint, { ...firstPage, page: 3, pageSize: 10 }).toString())
      .toBe('https://open311.sfgov.org/v2/requests.xml?jurisdiction_id=sfgov.org&start_date=2024-03-01T06:00:00Z&end_date=2024-03-08T06:00:00Z');
  });

  test('rounds the lower bound down and the upper bound up to whole seconds', () => {
    const url = dialect.requestsUrl(endpoint, { requested: { start: new Date('2024-03-01T06:00:00.900Z'), end: new Date('2024-03-08T06:00:00.001Z') }, page: 0, pageSize: 10 });
    expect(url.searchParams.get('start_date')).toBe('2024-03-01T06:00:00Z');
    expect(url.searchParams.get('end_date')).toBe('2024-03-08T06:00:01Z');
  });

  test('ignores an updated window (the spec has no such filter)', () => {
    expect(dialect.requestsUrl(endpoint, { ...firstPage, updated }).searchParams.has('updated_after')).toBe(false);
  });

  test('re-polls by ids with no other filter, and refuses more ids than idBatch', () => {
    expect(dialect.requestsUrl(endpoint, { ...firstPage, ids: ['773485', '773486'] }).toString())
      .toBe('https://open311.sfgov.org/v2/requests.xml?jurisdiction_id=sfgov.org&service_request_id=773485,773486');
    const ids = Array.from({ length: 51 }, (_, i) => String(i));
    expect(() => dialect.requestsUrl(endpoint, { ...firstPage, ids })).toThrow('51 ids in one call, the dialect takes at most 50');
  });

  test('services URL carries the jurisdiction', () => {
    expect(dialect.servicesUrl(endpoint).toString()).toBe('https://open311.sfgov.org/v2/services.xml?jurisdiction_id=sfgov.org');
  });
});

describe('chicago', () => {
  const endpoint = makeEndpoint({ id: 'chicago', dialect: 'chicago', timezone: 'America/Chicago', base_url: 'http://311api.cityofchicago.org/open311/v2/', jurisdiction_id: 'cityofchicago.org' });
  const dialect = getDialect('chicago');

  test('dates go out as zone-less local time, across a DST change; page starts at 1; extensions on', () => {
    expect(dialect.requestsUrl(endpoint, { requested, updated, page: 0, pageSize: 100 }).toString()).toBe(
      'http://311api.cityofchicago.org/open311/v2/requests.json?jurisdiction_id=cityofchicago.org'
      + '&start_date=2024-03-01T00:00:00&end_date=2024-03-08T00:00:00'
      + '&updated_after=2024-03-10T01:30:00&updated_before=2024-03-10T04:15:01&page=1&page_size=100&extensions=true',
    );
  });

  test('page size is clamped to 500 and pages count from 1', () => {
    const url = dialect.requestsUrl(endpoint, { requested, page: 2, pageSize: 2000 });
    expect(url.searchParams.get('page')).toBe('3');
    expect(url.searchParams.get('page_size')).toBe('500');
  });

  test('a missing or silly page size falls back to the default of 50', () => {
    expect(dialect.requestsUrl(endpoint, { requested, page: 0, pageSize: Number.NaN }).searchParams.get('page_size')).toBe('50');
    expect(dialect.requestsUrl(endpoint, { requested, page: 0, pageSize: 0 }).searchParams.get('page_size')).toBe('50');
  });

  test('the API key comes from the named environment variable, is percent-encoded, and an explicit one wins', () => {
    const keyed = { ...endpoint, api_key_env: 'FED311_TEST_CHICAGO_KEY' };
    vi.stubEnv('FED311_TEST_CHICAGO_KEY', 'a+b/c');
    expect(dialect.requestsUrl(keyed, firstPage).search).toMatch(/&extensions=true&api_key=a%2Bb%2Fc$/);
    expect(dialect.requestsUrl(keyed, firstPage, { apiKey: 'other' }).searchParams.get('api_key')).toBe('other');
    expect(dialect.requestsUrl(keyed, firstPage, { apiKey: null }).searchParams.has('api_key')).toBe(false);
    expect(dialect.servicesUrl(keyed).toString()).toBe('http://311api.cityofchicago.org/open311/v2/services.json?jurisdiction_id=cityofchicago.org&api_key=a%2Bb%2Fc');
    vi.stubEnv('FED311_TEST_CHICAGO_KEY', '');
    expect(dialect.requestsUrl(keyed, firstPage).searchParams.has('api_key')).toBe(false);
  });

  test('an id re-poll keeps extensions but drops dates and paging', () => {
    expect(dialect.requestsUrl(endpoint, { requested, updated, ids: ['12-01952587'], page: 0, pageSize: 50 }).search)
      .toBe('?jurisdiction_id=cityofchicago.org&service_request_id=12-01952587&extensions=true');
  });
});

describe('connectedbits', () => {
  const endpoint = makeEndpoint({ id: 'boston', dialect: 'connectedbits', timezone: 'America/New_York', base_url: 'https://mayors24.cityofboston.gov/open311/v2/', jurisdiction_id: 'cityofboston.gov' });
  const dialect = getDialect('connectedbits');

  test('UTC dates, pages from 1, size clamped to 100, no updated filter, extensions on', () => {
    expect(dialect.requestsUrl(endpoint, { requested, updated, page: 1, pageSize: 250 }).toString()).toBe(
      'https://mayors24.cityofboston.gov/open311/v2/requests.json?jurisdiction_id=cityofboston.gov'
      + '&start_date=2024-03-01T06:00:00Z&end_date=2024-03-08T06:00:00Z&page=2&page_size=100&extensions=true',
    );
  });
});

describe('seeclickfix', () => {
  const endpoint = makeEndpoint({ id: 'new-haven', dialect: 'seeclickfix', timezone: 'America/New_York', base_url: 'https://seeclickfix.com/open311/v2/29/' });
  const dialect = getDialect('seeclickfix');

  test('tenant in the path, no jurisdiction_id, 20-row pages from 1', () => {
    expect(dialect.requestsUrl(endpoint, { requested, page: 4, pageSize: 50 }).toString())
      .toBe('https://seeclickfix.com/open311/v2/29/requests.json?start_date=2024-03-01T06:00:00Z&end_date=2024-03-08T06:00:00Z&page=5&page_size=20');
  });

  test('id batches of up to 20', () => {
    const ids = Array.from({ length: 20 }, (_, i) => String(1000 + i));
    expect(dialect.requestsUrl(endpoint, { ...firstPage, ids }).searchParams.get('service_request_id')).toBe(ids.join(','));
    expect(() => dialect.requestsUrl(endpoint, { ...firstPage, ids: [...ids, '2000'] })).toThrow(/at most 20/);
  });
});

describe('citysdk', () => {
  const endpoint = makeEndpoint({ id: 'helsinki', dialect: 'citysdk', timezone: 'Europe/Helsinki', base_url: 'https://asiointi.hel.fi/palautews/rest/v1/' });
  const dialect = getDialect('citysdk');

  test('asks for both statuses, sends the updated range, pages from 1, size up to 500', () => {
    expect(dialect.requestsUrl(endpoint, { requested, updated, page: 0, pageSize: 800 }).toString()).toBe(
      'https://asiointi.hel.fi/palautews/rest/v1/requests.json?start_date=2024-03-01T06:00:00Z&end_date=2024-03-08T06:00:00Z'
      + '&updated_after=2024-03-10T07:30:00Z&updated_before=2024-03-10T09:15:01Z&status=open,closed&page=1&page_size=500&extensions=true',
    );
  });

  test('an updated-only query sends no requested window', () => {
    const url = dialect.requestsUrl(endpoint, { updated, page: 0, pageSize: 100 });
    expect(url.searchParams.has('start_date')).toBe(false);
    expect(url.searchParams.get('updated_after')).toBe('2024-03-10T07:30:00Z');
  });
});

describe('ureport', () => {
  const endpoint = makeEndpoint({ id: 'bloomington', dialect: 'ureport', timezone: 'America/Indiana/Indianapolis', base_url: 'https://bloomington.in.gov/crm/open311/v2/', jurisdiction_id: 'bloomington.in.gov' });
  const dialect = getDialect('ureport');

  test('1000-row pages from 1 and the updated range', () => {
    expect(dialect.requestsUrl(endpoint, { updated, page: 0, pageSize: 5000 }).toString()).toBe(
      'https://bloomington.in.gov/crm/open311/v2/requests.json?jurisdiction_id=bloomington.in.gov'
      + '&updated_after=2024-03-10T07:30:00Z&updated_before=2024-03-10T09:15:01Z&page=1&page_size=1000',
    );
    expect(dialect.capabilities.pastEndRepeatsLastPage).toBe(true);
  });

  test('takes a single id per call', () => {
    expect(dialect.requestsUrl(endpoint, { ...firstPage, ids: ['4fbd40b2b1fe2c4b02000001'] }).searchParams.get('service_request_id')).toBe('4fbd40b2b1fe2c4b02000001');
    expect(() => dialect.requestsUrl(endpoint, { ...firstPage, ids: ['a', 'b'] })).toThrow(/at most 1$/);
  });
});

describe('fixmystreet', () => {
  const dialect = getDialect('fixmystreet');

  test('always sends a jurisdiction_id: the configured one, else the host name', () => {
    const bare = makeEndpoint({ id: 'fms', dialect: 'fixmystreet', timezone: 'Europe/London', base_url: 'https://www.fixmystreet.com/open311/v2/' });
    expect(dialect.requestsUrl(bare, { requested, page: 0, pageSize: 1000 }).toString())
      .toBe('https://www.fixmystreet.com/open311/v2/requests.json?jurisdiction_id=fixmystreet.com&start_date=2024-03-01T06:00:00Z&end_date=2024-03-08T06:00:00Z');
    expect(dialect.servicesUrl(bare).search).toBe('?jurisdiction_id=fixmystreet.com');
    const configured = { ...bare, jurisdiction_id: 'zurich' };
    expect(dialect.requestsUrl(configured, firstPage).searchParams.get('jurisdiction_id')).toBe('zurich');
  });

  test('no paging and single-id re-polls', () => {
    const endpoint = makeEndpoint({ id: 'fms', dialect: 'fixmystreet', timezone: 'Europe/London', jurisdiction_id: 'fms' });
    const url = dialect.requestsUrl(endpoint, { requested, page: 5, pageSize: 100 });
    expect([...url.searchParams.keys()]).toEqual(['jurisdiction_id', 'start_date', 'end_date']);
    expect(() => dialect.requestsUrl(endpoint, { ...firstPage, ids: ['1', '2'] })).toThrow(/at most 1$/);
  });
});

describe('markaspot', () => {
  const endpoint = makeEndpoint({ id: 'koeln', dialect: 'markaspot', timezone: 'Europe/Berlin', base_url: 'https://sags-uns.stadt-koeln.de/georeport/v2/', jurisdiction_id: 'stadt-koeln.de' });
  const dialect = getDialect('markaspot');

  test('limit/offset paging: offset = page × limit', () => {
    expect(dialect.requestsUrl(endpoint, { requested, page: 2, pageSize: 50 }).toString()).toBe(
      'https://sags-uns.stadt-koeln.de/georeport/v2/requests.json?jurisdiction_id=stadt-koeln.de'
      + '&start_date=2024-03-01T06:00:00Z&end_date=2024-03-08T06:00:00Z&offset=100&limit=50&extensions=true',
    );
  });

  test('limit is capped at 100 without a date filter and at 500 with one', () => {
    expect(dialect.requestsUrl(endpoint, { page: 0, pageSize: 300 }).searchParams.get('limit')).toBe('100');
    expect(dialect.requestsUrl(endpoint, { requested, page: 0, pageSize: 300 }).searchParams.get('limit')).toBe('300');
    expect(dialect.requestsUrl(endpoint, { updated, page: 1, pageSize: 900 }).search)
      .toBe('?jurisdiction_id=stadt-koeln.de&updated=2024-03-10T07:30:00Z&offset=500&limit=500&extensions=true');
  });
});
