import type { Deps } from './deps.ts';
import type { HttpOptions } from './fetch/http-client.ts';
import type { HarvestOptions } from './harvest/context.ts';
import type { EndpointSummary } from './harvest/runs.ts';
import { startScheduler } from './harvest/scheduler.ts';
import type { Store } from './load/store.ts';
import type { Endpoint } from './registry/types.ts';

export type { EndpointSummary } from './harvest/runs.ts';

/**
 * One harvest over the given endpoints: fetch → dialect → normalize → load, every enabled endpoint at once behind
 * its own politeness gate, its host's and one global cap on calls in flight. One failing endpoint never stops the others.
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
  const runner = await startScheduler({ store, endpoints, deps, options, http, schedule: false });
  try {
    return await Promise.all(endpoints.filter((endpoint) => endpoint.enabled).map((endpoint) => runner.trigger(endpoint.id)));
  } finally {
    await runner.stop();
  }
}
