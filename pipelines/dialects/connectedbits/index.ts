import type { Dialect, DialectCapabilities } from '../types.ts';
import { liftConnectedBitsFacts } from '../shared/connected-bits-facts.ts';
import { readRequestList, readServiceList } from '../shared/envelope.ts';
import { buildRequestsUrl, buildServicesUrl } from '../shared/request-url.ts';
import { safeToWire } from '../shared/safe-to-wire.ts';
import { pickServiceFields, pickSpecFields } from '../shared/spec-fields.ts';
import { urlStyleFor } from '../shared/url-style.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 50, maxPageSize: 100, cap: 100, windowDays: 90,
  updatedAfter: false, idBatch: 50, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};
const style = urlStyleFor({ capabilities, overrides: { extensions: true } });
const lifted = new Set(['notes']);

/** Connected Bits "Spot" cities (Boston, SF mobile311, Brookline...): attributes[], photos[], notes[]. */
export const connectedbits: Dialect = {
  id: 'connectedbits',
  description: 'Connected Bits / Spot (Boston, San Francisco, Brookline...): pages from 1, photos[] and notes[] extensions',
  capabilities,
  requestsUrl: (endpoint, query, auth) => buildRequestsUrl({ endpoint, query, style, auth }),
  servicesUrl: (endpoint, auth) => buildServicesUrl({ endpoint, style, auth }),
  readRequests: (body) => readRequestList({ body }),
  readServices: (body) => readServiceList({ body }),
  toWire: safeToWire((raw) => liftConnectedBitsFacts({ wire: pickSpecFields({ raw, lifted }), raw })),
  toService: (raw) => pickServiceFields({ raw }),
};
