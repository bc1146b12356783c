import { defineDialect } from '../shared/define-dialect.ts';
import type { Dialect, DialectCapabilities } from '../types.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 20, maxPageSize: 20, cap: 20, windowDays: 90,
  updatedAfter: false, idBatch: 20, rateLimitPerMinute: 20, pastEndRepeatsLastPage: false,
};

/** SeeClickFix's per-organisation Open311 facade: 20-row pages, integer ids, string coordinates, `acknowledged`/`archived` words. */
export const seeclickfix: Dialect = defineDialect({
  id: 'seeclickfix',
  description: 'SeeClickFix (CivicPlus) Open311 facade: 20-row pages from 1, tenant in the base path',
  capabilities,
});
