import { defineDialect } from '../shared/define-dialect.ts';
import type { Dialect, DialectCapabilities } from '../types.ts';
import { liftConnectedBitsFacts } from '../shared/connected-bits-facts.ts';
import { pickSpecFields } from '../shared/spec-fields.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 50, maxPageSize: 100, cap: 100, windowDays: 90,
  updatedAfter: false, idBatch: 50, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};
const lifted = new Set(['notes']);

/** Connected Bits "Spot" cities (Boston, SF mobile311, Brookline...): attributes[], photos[], notes[]. */
export const connectedbits: Dialect = defineDialect({
  id: 'connectedbits',
  description: 'Connected Bits / Spot (Boston, San Francisco, Brookline...): pages from 1, photos[] and notes[] extensions',
  capabilities,
  url: { extensions: true },
  toWire: (raw) => liftConnectedBitsFacts({ wire: pickSpecFields({ raw, lifted }), raw }),
});
