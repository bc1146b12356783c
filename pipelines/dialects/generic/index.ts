import type { Dialect, DialectCapabilities } from '../types.ts';
import { readRequestList, readServiceList } from '../shared/envelope.ts';
import { buildRequestsUrl, buildServicesUrl } from '../shared/request-url.ts';
import { safeToWire } from '../shared/safe-to-wire.ts';
import { pickServiceFields, pickSpecFields } from '../shared/spec-fields.ts';
import { urlStyleFor } from '../shared/url-style.ts';

const capabilities: DialectCapabilities = {
  paging: 'none', defaultPageSize: 1000, maxPageSize: 1000, cap: 1000, windowDays: 90,
  updatedAfter: false, idBatch: 50, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};
const style = urlStyleFor({ capabilities });

/** Plain GeoReport v2: no paging, the spec's 90-day/1000-row cap, spec fields only. */
export const generic: Dialect = {
  id: 'generic',
  description: 'Plain GeoReport v2 (spec fields, no paging, 1000-row cap)',
  capabilities,
  requestsUrl: (endpoint, query, auth) => buildRequestsUrl({ endpoint, query, style, auth }),
  servicesUrl: (endpoint, auth) => buildServicesUrl({ endpoint, style, auth }),
  readRequests: (body) => readRequestList({ body }),
  readServices: (body) => readServiceList({ body }),
  toWire: safeToWire((raw) => pickSpecFields({ raw })),
  toService: (raw) => pickServiceFields({ raw }),
};
