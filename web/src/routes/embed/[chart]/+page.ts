import type { PageLoad } from './$types';
import { error } from '@sveltejs/kit';
import { settle } from '$lib/api';
import { chartParams, charts, refusedParams } from '$lib/charts';
import { loadEndpoints } from '$lib/load-common';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const spec = charts[params.chart];
  if (!spec) error(404, `No chart "${params.chart}" (known: ${Object.keys(charts).join(', ')})`);
  const chart = chartParams(spec, url.searchParams);
  // A parameter the chart does not read is refused in the chart's place (the host page still gets a frame that says why).
  const refused = refusedParams(spec, url.searchParams);
  const [result, endpoints] = await Promise.all([refused ? { value: null, error: refused } : settle(spec.load(fetch, chart)), loadEndpoints(fetch)]);
  // The attribution names the license of each endpoint the chart draws on.
  const shown = chart.endpoint ? chart.endpoint.split(',') : (endpoints.value ?? []).map((e) => e.endpoint_id);
  const licenses = [...new Set((endpoints.value ?? []).filter((e) => shown.includes(e.endpoint_id)).map((e) => e.license ?? 'license not stated'))];
  return { id: spec.id, params: chart, result, licenses };
};
