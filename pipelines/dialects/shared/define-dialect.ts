import type { ParsedBody } from '../../parse/types.ts';
import type { Dialect, DialectCapabilities, WireRequest } from '../types.ts';
import { readRequestList, readServiceList } from './envelope.ts';
import { buildRequestsUrl, buildServicesUrl } from './request-url.ts';
import { safeToWire } from './safe-to-wire.ts';
import { pickServiceFields, pickSpecFields } from './spec-fields.ts';
import type { UrlStyle } from './request-url.ts';
import { urlStyleFor } from './url-style.ts';

/**
 * A dialect from what sets it apart; the rest is the spec's behaviour (spec envelopes, spec field names).
 * `toWire` is wrapped so it never throws.
 */
export function defineDialect({
  id,
  description,
  capabilities,
  url = {},
  readRequests = (body) => readRequestList({ body }),
  toWire = (raw) => pickSpecFields({ raw }),
}: {
  id: string;
  description: string;
  capabilities: DialectCapabilities;
  /** How this vendor's request URLs differ from the spec's (date style, extensions, paging names...). */
  url?: Partial<UrlStyle>;
  readRequests?: (body: ParsedBody) => unknown[];
  toWire?: (raw: unknown) => WireRequest;
}): Dialect {
  const style = urlStyleFor({ capabilities, overrides: url });
  return {
    id,
    description,
    capabilities,
    requestsUrl: (endpoint, query, auth) => buildRequestsUrl({ endpoint, query, style, auth }),
    servicesUrl: (endpoint, auth) => buildServicesUrl({ endpoint, style, auth }),
    readRequests,
    readServices: (body) => readServiceList({ body }),
    toWire: safeToWire(toWire),
    toService: (raw) => pickServiceFields({ raw }),
  };
}
