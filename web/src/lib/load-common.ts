import { getJson, settle, type Fetch } from './api';
import type { CategoryRow, EndpointRow } from './types';

/** Endpoints and categories feed most pages' filters and labels; a failure shows as an error state, not a crash. */
export function loadEndpoints(fetcher: Fetch) {
  return settle(getJson<{ rows: EndpointRow[] }>(fetcher, 'endpoints').then((r) => r.rows));
}

export function loadCategories(fetcher: Fetch, endpoint?: string) {
  return settle(getJson<{ rows: CategoryRow[] }>(fetcher, 'categories', { endpoint }).then((r) => r.rows));
}

/** `endpoint_id/service_request_id` → the API path of that request (ids may hold any character). */
export function requestPath(key: string): string | null {
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return null;
  return `requests/${encodeURIComponent(key.slice(0, slash))}/${encodeURIComponent(key.slice(slash + 1))}`;
}
