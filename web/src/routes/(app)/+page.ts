import type { PageLoad } from './$types';
import { getJson, settle } from '$lib/api';
import { loadCategories, loadEndpoints, requestPath } from '$lib/load-common';
import type { HistoryRow, RequestRow } from '$lib/types';

export const load: PageLoad = async ({ fetch, url }) => {
  const path = requestPath(url.searchParams.get('r') ?? '');
  const [endpoints, categories, selected] = await Promise.all([
    loadEndpoints(fetch),
    // the category list's counts follow the endpoint filter (the only filter /api/v1/categories takes)
    loadCategories(fetch, url.searchParams.get('endpoint') ?? undefined),
    path ? settle(getJson<{ request: RequestRow; history: HistoryRow[] }>(fetch, path)) : Promise.resolve(null),
  ]);
  return { endpoints, categories, selected };
};
