import type { Deps } from './deps.ts';
import { defaultHarvestOptions, type HarvestOptions } from './harvest/context.ts';
import { rateOf, runEndpoint } from './harvest/run-endpoint.ts';
import { createGates } from './fetch/gates.ts';
import type { EndpointSummary } from './harvest/runs.ts';
import { syncEndpoints } from './load/sync-endpoints.ts';
import type { Store } from './load/store.ts';
import type { Endpoint } from './registry/types.ts';
import type { HttpOptions } from './fetch/http-client.ts';

export type { EndpointSummary } from './harvest/runs.ts';

/**
 * One harvest over the given endpoints: fetch → dialect → normalize → load, every endpoint at once behind its own
 * politeness gate and one global cap on calls in flight. One failing endpoint never stops the others.
 */
export async function harvest({
  store,
  endpoints,
  deps,
  options = {},
  http,
}: {
  store: Store;
  endpoints: readonly Endpoint[];
  deps: Deps;
  options?: Partial<HarvestOptions>;
  http?: HttpOptions;
}): Promise<EndpointSummary[]> {
  const settings = { ...defaultHarvestOptions, ...options };
  await syncEndpoints({ store, endpoints, now: deps.now() });
  const gates = createGates({
    endpoints,
    rateOf,
    globalConcurrency: settings.globalConcurrency,
    hostConcurrency: settings.hostConcurrency,
    deps,
  });
  return Promise.all(
    endpoints
      .filter((endpoint) => endpoint.enabled)
      .map((endpoint) => runEndpoint({ endpoint, store, deps, gates, options: settings, http })),
  );
}
