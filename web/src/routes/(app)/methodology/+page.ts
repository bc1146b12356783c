import type { PageLoad } from './$types';
import { getJson, settle } from '$lib/api';
import type { MetricDefinition } from '$lib/types';

export const load: PageLoad = async ({ fetch }) => {
  return { metrics: await settle(getJson<{ rows: MetricDefinition[] }>(fetch, 'metrics').then((r) => r.rows)) };
};
