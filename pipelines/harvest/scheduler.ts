import cron, { type ScheduledTask } from 'node-cron';
import type { Deps } from '../deps.ts';
import type { HttpOptions } from '../fetch/http-client.ts';
import type { Store } from '../load/store.ts';
import { syncEndpoints } from '../load/sync-endpoints.ts';
import type { Endpoint } from '../registry/types.ts';
import { defaultHarvestOptions, type HarvestOptions } from './context.ts';
import { createPageReader } from './page-reader.ts';
import { rateOf, runEndpoint } from './run-endpoint.ts';
import { createGates } from '../fetch/gates.ts';
import type { EndpointSummary } from './runs.ts';

export interface HarvestScheduler {
  /** Runs one endpoint now; while it runs, a second trigger joins the same run instead of starting another. */
  trigger(endpointId: string): Promise<EndpointSummary>;
  /** When each endpoint's next scheduled run is due (null when not scheduled). */
  nextRuns(): Record<string, string | null>;
  running(): string[];
  stop(): Promise<void>;
}

/** node-cron schedules, one per enabled endpoint (`schedule`, default every 15 minutes), never two runs of one endpoint at once. */
export async function startScheduler({
  store,
  endpoints,
  deps,
  options = {},
  http,
  schedule = true,
}: {
  store: Store;
  endpoints: readonly Endpoint[];
  deps: Deps;
  options?: Partial<HarvestOptions>;
  http?: HttpOptions;
  /** false: no cron tasks, triggers only (tests, `serve --no-schedule`). */
  schedule?: boolean;
}): Promise<HarvestScheduler> {
  const settings = { ...defaultHarvestOptions, ...options };
  const gates = createGates({
    endpoints,
    rateOf,
    globalConcurrency: settings.globalConcurrency,
    hostConcurrency: settings.hostConcurrency,
    deps,
  });
  const reader = createPageReader({ workers: settings.pageWorkers });
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  const inFlight = new Map<string, Promise<EndpointSummary>>();
  await syncEndpoints({ store, endpoints, now: deps.now() });

  function trigger(endpointId: string): Promise<EndpointSummary> {
    const endpoint = byId.get(endpointId);
    if (!endpoint) return Promise.reject(new Error(`no endpoint "${endpointId}" in the registry`));
    const current = inFlight.get(endpointId);
    if (current) return current;
    const run = runEndpoint({ endpoint, store, deps, gates, reader, options: settings, http }).finally(() => inFlight.delete(endpointId));
    inFlight.set(endpointId, run);
    return run;
  }

  const tasks = new Map<string, ScheduledTask>();
  if (schedule) {
    for (const endpoint of endpoints.filter((e) => e.enabled)) {
      const task = cron.schedule(
        endpoint.schedule,
        async () => {
          const summary = await trigger(endpoint.id);
          deps.logger.info({ endpoint: endpoint.id, outcome: summary.outcome, seen: summary.records_seen }, 'scheduled harvest');
        },
        { name: `harvest:${endpoint.id}`, noOverlap: true },
      );
      tasks.set(endpoint.id, task);
    }
  }

  return {
    trigger,
    nextRuns: () => Object.fromEntries(endpoints.map((e) => [e.id, tasks.get(e.id)?.getNextRun()?.toISOString() ?? null])),
    running: () => [...inFlight.keys()],
    stop: async () => {
      for (const task of tasks.values()) await task.destroy();
      await Promise.allSettled(inFlight.values());
      await reader.close();
    },
  };
}
