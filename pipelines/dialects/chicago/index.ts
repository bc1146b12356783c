import type { Dialect, DialectCapabilities } from '../types.ts';
import { liftConnectedBitsFacts } from '../shared/connected-bits-facts.ts';
import { readRequestList, readServiceList } from '../shared/envelope.ts';
import { buildRequestsUrl, buildServicesUrl } from '../shared/request-url.ts';
import { safeToWire } from '../shared/safe-to-wire.ts';
import { pickServiceFields, pickSpecFields } from '../shared/spec-fields.ts';
import { urlStyleFor } from '../shared/url-style.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 50, maxPageSize: 500, cap: 500, windowDays: 90,
  updatedAfter: true, idBatch: 50, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};
// Chicago mishandled zoned query times: dates go out as local wall time without a zone (QUIRKS §4).
const style = urlStyleFor({ capabilities, overrides: { dates: 'local', extensions: true } });
const lifted = new Set(['notes']);

/** Chicago's Open311 (Connected Bits back office): page/page_size from 1, updated_after/before, notes[] and extended_attributes. */
export const chicago: Dialect = {
  id: 'chicago',
  description: 'Chicago 311 (Connected Bits): pages from 1, zone-less local dates, notes[] and ward/channel extensions',
  capabilities,
  requestsUrl: (endpoint, query, auth) => buildRequestsUrl({ endpoint, query, style, auth }),
  servicesUrl: (endpoint, auth) => buildServicesUrl({ endpoint, style, auth }),
  readRequests: (body) => readRequestList({ body }),
  readServices: (body) => readServiceList({ body }),
  toWire: safeToWire((raw) => liftConnectedBitsFacts({ wire: pickSpecFields({ raw, lifted }), raw })),
  toService: (raw) => pickServiceFields({ raw }),
};
