import { defineDialect } from '../shared/define-dialect.ts';
import type { Dialect, DialectCapabilities } from '../types.ts';
import { liftConnectedBitsFacts } from '../shared/connected-bits-facts.ts';
import { pickSpecFields } from '../shared/spec-fields.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 50, maxPageSize: 500, cap: 500, windowDays: 90,
  updatedAfter: true, idBatch: 50, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};
const lifted = new Set(['notes']);

/** Chicago's Open311 (Connected Bits back office): page/page_size from 1, updated_after/before, notes[] and extended_attributes. */
export const chicago: Dialect = defineDialect({
  id: 'chicago',
  description: 'Chicago 311 (Connected Bits): pages from 1, zone-less local dates, notes[] and ward/channel extensions',
  capabilities,
  // Chicago mishandled zoned query times: dates go out as local wall time without a zone (QUIRKS §4).
  url: { dates: 'local', extensions: true },
  toWire: (raw) => liftConnectedBitsFacts({ wire: pickSpecFields({ raw, lifted }), raw }),
});
