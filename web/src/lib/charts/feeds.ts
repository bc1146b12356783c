import { getJson, type Fetch } from '../api';
import type { CategoryRow, EndpointRow } from '../types';
import type { CategoryNames } from './scope';

export { freshnessOf } from './freshness';

const lists = new WeakMap<Fetch, Promise<EndpointRow[] | null>>();
const names = new WeakMap<Fetch, Promise<CategoryNames>>();

/** /api/v1/endpoints, read once per page load (a page's charts share its fetch); null when it cannot be read, which leaves the chart without a freshness line rather than failing it. */
function endpointList(fetcher: Fetch): Promise<EndpointRow[] | null> {
  let list = lists.get(fetcher);
  if (!list) {
    list = getJson<{ rows: EndpointRow[] }>(fetcher, 'endpoints').then(
      (answer) => answer.rows,
      () => null,
    );
    lists.set(fetcher, list);
  }
  return list;
}

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
export function categoryNames(fetcher: Fetch): Promise<CategoryNames> {
  let list = names.get(fetcher);
  if (!list) {
    list = getJson<{ rows: CategoryRow[] }>(fetcher, 'categories').then(
      (answer) => Object.fromEntries(answer.rows.map((c) => [c.category, c.label])),
      () => ({}),
    );
    names.set(fetcher, list);
  }
  return list;
}

/** The names a title needs for a `category` parameter: none (and no fetch) when the chart is not filtered by category. */
export function titleNames(fetcher: Fetch, category: string | undefined): Promise<CategoryNames> {
  return category ? categoryNames(fetcher) : Promise.resolve({});
}
