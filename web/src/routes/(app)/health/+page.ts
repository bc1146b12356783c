import type { PageLoad } from './$types';
import { loadEndpoints } from '$lib/load-common';

export const load: PageLoad = async ({ fetch }) => {
  return { endpoints: await loadEndpoints(fetch), now: Date.now() };
};
