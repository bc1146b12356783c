import { defineDialect } from '../shared/define-dialect.ts';
import type { Dialect, DialectCapabilities } from '../types.ts';

const capabilities: DialectCapabilities = {
  paging: 'page', defaultPageSize: 1000, maxPageSize: 1000, cap: 1000, windowDays: 90,
  updatedAfter: true, idBatch: 1, rateLimitPerMinute: 60, pastEndRepeatsLastPage: true,
};

/** Bloomington's uReport (also Peoria, Columbus IN): 1000-row pages from 1, a page past the end repeats the last one. */
export const ureport: Dialect = defineDialect({
  id: 'ureport',
  description: 'uReport (Bloomington, Peoria...): 1000-row pages from 1 that repeat past the end, single-id lookups',
  capabilities,
});
