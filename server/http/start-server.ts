import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { Deps } from '../../pipelines/deps.ts';
import { startScheduler, type HarvestScheduler } from '../../pipelines/harvest/scheduler.ts';
import type { Store } from '../../pipelines/load/store.ts';
import type { Endpoint } from '../../pipelines/registry/types.ts';
import { createApp } from './create-app.ts';
import type { AdminActions } from './services.ts';

export interface RunningServer {
  url: string;
  server: Server;
  /**
   * Stops the schedule (waiting for runs in flight), stops taking connections, gives the answers in flight
   * `graceMs` (default 5 s) to finish before cutting their sockets, and closes the read pool; the store stays
   * open (its close interrupts and waits for any query still running).
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * What `fed311 serve` and `fed311 demo` run: the harvest schedule over `endpoints` and the app on one port.
 * `reloadRegistry` (admin) swaps the schedule for one over the freshly read registry.
 */
export async function startServer({
  store, deps, endpoints, loadEndpoints, schedule, port, host, adminToken, dashboard,
}: {
  store: Store;
  deps: Deps;
  endpoints: readonly Endpoint[];
  /** Re-reads the registry (admin reload); absent: the reload route answers with the endpoints it has. */
  loadEndpoints?: () => Promise<readonly Endpoint[]>;
  schedule: boolean;
  port: number;
  host: string;
  adminToken: string | null;
  dashboard: Koa.Middleware | null;
}): Promise<RunningServer> {
  let current = await startScheduler({ store, endpoints, deps, schedule });
  // Handlers keep this one object; a registry reload swaps what it delegates to.
  const scheduler: HarvestScheduler = {
    trigger: (id) => current.trigger(id),
    nextRuns: () => current.nextRuns(),
    running: () => current.running(),
    stop: () => current.stop(),
  };
  const admin: AdminActions | null = adminToken
    ? {
        token: adminToken,
        trigger: (id) => {
          scheduler.trigger(id).catch((error: unknown) => deps.logger.error({ err: error, endpoint: id }, 'admin-triggered harvest failed'));
        },
        reloadRegistry: async () => {
          const fresh = loadEndpoints ? await loadEndpoints() : endpoints;
          const next = await startScheduler({ store, endpoints: fresh, deps, schedule });
          const previous = current;
          current = next;
          await previous.stop();
          return fresh.length;
        },
      }
    : null;
  const app = createApp({ store, deps, scheduler, admin, dashboard });
  const server = app.koa.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    server,
    close: async ({ graceMs = 5000 } = {}) => {
      await scheduler.stop();
      await new Promise<void>((resolve) => {
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      });
      app.close();
    },
  };
}

/** Resolves on the first SIGINT or SIGTERM (Ctrl-C, a service manager stopping us). */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}
