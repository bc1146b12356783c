import { getJson, type Fetch } from '../api';
import type { CategoryRow, EndpointRow } from '../types';
import type { CategoryNames } from './scope';

export { freshnessOf } from './freshness';

/** `read` once per page load: the page's charts share its fetch, and with it the answer. */
function oncePerPage<T>(read: (fetcher: Fetch) => Promise<T>): (fetcher: Fetch) => Promise<T> {
  const kept = new WeakMap<Fetch, Promise<T>>();
  return (fetcher) => {
    let value = kept.get(fetcher);
    if (!value) {
      value = read(fetcher);
      kept.set(fetcher, value);
    }
    return value;
  };
}

/** /api/v1/endpoints; null when it cannot be read, which leaves the chart without a freshness line rather than failing it. */
const endpointList = oncePerPage((fetcher) =>
  getJson<{ rows: EndpointRow[] }>(fetcher, 'endpoints').then(
    (answer): EndpointRow[] | null => answer.rows,
    () => null,
  ),
);

/** The endpoints a chart draws on: the ones its `endpoint` parameter names, else every enabled one. */
export async function shownEndpoints(fetcher: Fetch, endpoint: string | undefined): Promise<EndpointRow[] | null> {
  const all = await endpointList(fetcher);
  const named = endpoint ? endpoint.split(',') : null;
  return all && all.filter((e) => (named ? named.includes(e.endpoint_id) : e.enabled));
}

/**
 * The taxonomy's display name of each category slug (/api/v1/categories' `label` per `category`), read once per page
 * load like the endpoint list; empty when it cannot be read, which leaves titles and labels with the slugs.
 */
export const categoryNames = oncePerPage((fetcher) =>
  getJson<{ rows: CategoryRow[] }>(fetcher, 'categories').then(
    (answer): CategoryNames => Object.fromEntries(answer.rows.map((c) => [c.category, c.label])),
    () => ({}),
  ),
);

/** The names a title needs for a `category` parameter: none (and no fetch) when the chart is not filtered by category. */
export function titleNames(fetcher: Fetch, category: string | undefined): Promise<CategoryNames> {
  return category ? categoryNames(fetcher) : Promise.resolve({});
}
