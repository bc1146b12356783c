import type { DialectCapabilities } from '../types.ts';
import type { UrlStyle } from './request-url.ts';

/** The conventions every dialect follows unless its row in docs/dialects.md says otherwise. */
export function urlStyleFor({ capabilities, overrides = {} }: { capabilities: DialectCapabilities; overrides?: Partial<UrlStyle> }): UrlStyle {
  return {
    paging: capabilities.paging,
    pageParam: capabilities.paging === 'offset' ? 'offset' : 'page',
    sizeParam: capabilities.paging === 'offset' ? 'limit' : 'page_size',
    pageBase: 1,
    defaultPageSize: capabilities.defaultPageSize,
    maxPageSize: () => capabilities.maxPageSize,
    dates: 'utc',
    updated: capabilities.updatedAfter ? 'range' : 'none',
    extensions: false,
    allStatuses: false,
    jurisdictionRequired: false,
    idBatch: capabilities.idBatch,
    ...overrides,
  };
}
