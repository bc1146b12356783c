import type { PageLoad } from './$types';
import { error } from '@sveltejs/kit';
import { getJson, settle } from '$lib/api';
import { chartParams, charts } from '$lib/charts';
import { metricRows } from '$lib/charts/metric-rows';
import { loadEndpoints } from '$lib/load-common';

const endpointCharts = ['ttc-by-category', 'flow', 'aging', 'outcome-mix'] as const;

interface Harvests {
  rows: { run_id: number; started_at: string; finished_at: string | null; outcome: string; records_seen: number; error: string | null }[];
  scheduled?: Record<string, string | null>;
}

export const load: PageLoad = async ({ fetch, params, url }) => {
  const endpoints = await loadEndpoints(fetch);
  if (endpoints.error) error(502, `The endpoints could not be loaded: ${endpoints.error}`);
  const endpoint = endpoints.value!.find((e) => e.endpoint_id === params.id);
  if (!endpoint) error(404, `No endpoint "${params.id}" in the registry`);
  const search = new URLSearchParams(url.searchParams);
  search.set('endpoint', params.id);
  const headline = { endpoint: params.id, from: search.get('from') ?? undefined, to: search.get('to') ?? undefined };
  const [ttc, onTime, harvests, ...results] = await Promise.all([
    settle(metricRows(fetch, 'ttc_km', headline)),
    settle(metricRows(fetch, 'on_time', headline)),
    settle(getJson<Harvests>(fetch, 'harvests', { endpoint: params.id, limit: 10 })),
    ...endpointCharts.map((id) => settle(charts[id]!.load(fetch, chartParams(charts[id]!, search)))),
  ]);
  return {
    endpoint,
    // Ages are measured at the API's as-of instant (its clock), not the browser's.
    now: Date.parse(ttc.value?.result.as_of ?? '') || Date.now(),
    period: search.get('period') ?? '',
    headline: { ttc: ttc.value?.rows[0] ?? null, onTime: onTime.value?.rows[0] ?? null, error: ttc.error ?? onTime.error },
    harvests,
    charts: endpointCharts.map((id, i) => ({ id, params: chartParams(charts[id]!, search), result: results[i]! })),
  };
};
