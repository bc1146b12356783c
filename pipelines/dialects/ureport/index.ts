import type { Dialect, DialectCapabilities } from '../types.ts';
import { readRequestList, readServiceList } from '../shared/envelope.ts';
import { buildRequestsUrl, buildServicesUrl } from '../shared/request-url.ts';
import { safeToWire } from '../shared/safe-to-wire.ts';
import { pickServiceFields, pickSpecFields } from '../shared/spec-fields.ts';
import { urlStyleFor } from '../shared/url-style.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 1000, maxPageSize: 1000, cap: 1000, windowDays: 90,
  updatedAfter: true, idBatch: 1, rateLimitPerMinute: 60, pastEndRepeatsLastPage: true,
};
const style = urlStyleFor({ capabilities });

/** Bloomington's uReport (also Peoria, Columbus IN): 1000-row pages from 1, a page past the end repeats the last one. */
export const ureport: Dialect = {
  id: 'ureport',
  description: 'uReport (Bloomington, Peoria...): 1000-row pages from 1 that repeat past the end, single-id lookups',
  capabilities,
  requestsUrl: (endpoint, query, auth) => buildRequestsUrl({ endpoint, query, style, auth }),
  servicesUrl: (endpoint, auth) => buildServicesUrl({ endpoint, style, auth }),
  readRequests: (body) => readRequestList({ body }),
  readServices: (body) => readServiceList({ body }),
  toWire: safeToWire((raw) => pickSpecFields({ raw })),
  toService: (raw) => pickServiceFields({ raw }),
};
