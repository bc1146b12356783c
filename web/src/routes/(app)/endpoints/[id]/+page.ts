import type { PageLoad } from './$types';
import { error } from '@sveltejs/kit';
import { getJson, settle, type Fetch, type Params } from '$lib/api';
import { chartParams, charts } from '$lib/charts';
import { metricRows } from '$lib/charts/metric-rows';
import { loadEndpoints } from '$lib/load-common';
import { readEndpoint } from '$lib/state/endpoint-state';

const endpointCharts = ['ttc-by-category', 'flow', 'aging', 'outcome-mix'] as const;

interface Harvests {
  rows: { run_id: number; started_at: string; finished_at: string | null; outcome: string; records_seen: number; error: string | null }[];
  scheduled?: Record<string, string | null>;
}

/**
 * With a date range, the request count and the open ones are of the requests opened in it, as the median is; the
 * endpoint list's totals are all-time. Duplicates are counted, as in those totals.
 */
async function countsInRange(fetcher: Fetch, params: Params): Promise<{ requests: number; open: number }> {
  const counts = { ...params, min_n: 1, include_duplicates: true };
  const [opened, aging] = await Promise.all([metricRows(fetcher, 'opened', counts), metricRows(fetcher, 'aging', counts)]);
  return { requests: Number(opened.rows[0]?.value ?? 0), open: Number(aging.rows[0]?.open ?? 0) };
}

export const load: PageLoad = async ({ fetch, params, url }) => {
  const endpoints = await loadEndpoints(fetch);
  if (endpoints.error) error(502, `The endpoints could not be loaded: ${endpoints.error}`);
  const endpoint = endpoints.value!.find((e) => e.endpoint_id === params.id);
  if (!endpoint) error(404, `No endpoint "${params.id}" in the registry`);
  const state = readEndpoint(url.searchParams);
  const search = new URLSearchParams(url.searchParams);
  search.set('endpoint', params.id);
  const headline = { endpoint: params.id, from: state.from, to: state.to };
  const ranged = state.from !== '' || state.to !== '';
  const [ttc, onTime, counts, harvests, ...results] = await Promise.all([
    settle(metricRows(fetch, 'ttc_km', headline)),
    settle(metricRows(fetch, 'on_time', headline)),
    ranged ? settle(countsInRange(fetch, headline)) : { value: { requests: endpoint.requests, open: endpoint.open }, error: null },
    settle(getJson<Harvests>(fetch, 'harvests', { endpoint: params.id, limit: 10 })),
    ...endpointCharts.map((id) => settle(charts[id]!.load(fetch, chartParams(charts[id]!, search)))),
  ]);
  return {
    endpoint,
    // Ages are measured at the API's as-of instant (its clock), not the browser's.
    now: Date.parse(ttc.value?.result.as_of ?? '') || Date.now(),
    state,
    headline: { ttc: ttc.value?.rows[0] ?? null, onTime: onTime.value?.rows[0] ?? null, counts: counts.value, error: ttc.error ?? onTime.error ?? counts.error },
    harvests,
    charts: endpointCharts.map((id, i) => ({ id, params: chartParams(charts[id]!, search), result: results[i]! })),
  };
};
