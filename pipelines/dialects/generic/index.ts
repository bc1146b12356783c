import { defineDialect } from '../shared/define-dialect.ts';
import type { Dialect, DialectCapabilities } from '../types.ts';

const capabilities: DialectCapabilities = {
  paging: 'none', defaultPageSize: 1000, maxPageSize: 1000, cap: 1000, windowDays: 90,
  updatedAfter: false, idBatch: 50, rateLimitPerMinute: 60, pastEndRepeatsLastPage: false,
};

/** Plain GeoReport v2: no paging, the spec's 90-day/1000-row cap, spec fields only. */
export const generic: Dialect = defineDialect({
  id: 'generic',
  description: 'Plain GeoReport v2 (spec fields, no paging, 1000-row cap)',
  capabilities,
});
