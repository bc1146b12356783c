import type { Dialect, DialectCapabilities } from '../types.ts';
import { readRequestList, readServiceList } from '../shared/envelope.ts';
import { buildRequestsUrl, buildServicesUrl } from '../shared/request-url.ts';
import { safeToWire } from '../shared/safe-to-wire.ts';
import { pickServiceFields, pickSpecFields } from '../shared/spec-fields.ts';
import { urlStyleFor } from '../shared/url-style.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 20, maxPageSize: 20, cap: 20, windowDays: 90,
  updatedAfter: false, idBatch: 20, rateLimitPerMinute: 20, pastEndRepeatsLastPage: false,
};
const style = urlStyleFor({ capabilities });

/** SeeClickFix's per-organisation Open311 facade: 20-row pages, integer ids, string coordinates, `acknowledged`/`archived` words. */
export const seeclickfix: Dialect = {
  id: 'seeclickfix',
  description: 'SeeClickFix (CivicPlus) Open311 facade: 20-row pages from 1, tenant in the base path',
  capabilities,
  requestsUrl: (endpoint, query, auth) => buildRequestsUrl({ endpoint, query, style, auth }),
  servicesUrl: (endpoint, auth) => buildServicesUrl({ endpoint, style, auth }),
  readRequests: (body) => readRequestList({ body }),
  readServices: (body) => readServiceList({ body }),
  toWire: safeToWire((raw) => pickSpecFields({ raw })),
  toService: (raw) => pickServiceFields({ raw }),
};
