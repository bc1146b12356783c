import { expect, test } from 'vitest';
import type { WireRequest } from '../../pipelines/dialects/types.ts';
import { normalizeRequest } from '../../pipelines/normalize/index.ts';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';

const endpoint = makeEndpoint({ id: 'sf', dialect: 'generic', timezone: 'America/Los_Angeles' });
const wire = (serviceCode: string, serviceName: string): WireRequest => ({
  service_request_id: '1', status: 'open', service_code: serviceCode, service_name: serviceName,
  requested_datetime: '2026-01-01T10:00:00Z', extended: {}, raw: {},
});
const categoryOf = (w: WireRequest, serviceCategories: Map<string, string>, e = endpoint) => {
  const result = normalizeRequest({ wire: w, endpoint: e, serviceCategories });
  if (!result.ok) throw new Error(result.rejected.reason);
  return result.request.category;
};

test('a request takes the category its service got from the services list (which saw its group and keywords)', () => {
  // SF "Damaging_Property": the name alone says nothing; the services list filed it under trees by its group.
  expect(categoryOf(wire('042', 'Damaging_Property'), new Map())).toBe('other');
  expect(categoryOf(wire('042', 'Damaging_Property'), new Map([['042', 'tree']]))).toBe('tree');
});

test('a listed "other" does not hide what the request’s own name says; a registry override wins over the list', () => {
  expect(categoryOf(wire('7', 'Graffiti removal'), new Map([['7', 'other']]))).toBe('graffiti');
  const overridden = { ...endpoint, category_overrides: { '7': 'noise' } };
  expect(categoryOf(wire('7', 'Graffiti removal'), new Map([['7', 'tree']]), overridden)).toBe('noise');
});
