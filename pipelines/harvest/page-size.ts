import type { DialectCapabilities } from '../dialects/types.ts';
import type { Endpoint } from '../registry/types.ts';

/**
 * Rows asked for per page: the registry's page_size, else the dialect's largest (fewer, larger calls are kinder to
 * a server than many small ones), never above the largest the server honours — a server that silently returns
 * fewer than asked would make every page look like the last.
 */
export function pageSizeFor(endpoint: Endpoint, caps: DialectCapabilities): number {
  return Math.min(Math.max(1, endpoint.page_size ?? caps.maxPageSize), caps.maxPageSize);
}
