import { getJson, type Fetch } from '../api';
import type { EndpointRow } from '../types';

export { freshnessOf } from './freshness';

const lists = new WeakMap<Fetch, Promise<EndpointRow[] | null>>();

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
