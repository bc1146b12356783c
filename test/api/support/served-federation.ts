import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { harvest } from '../../../pipelines/harvest.ts';
import type { Store } from '../../../pipelines/load/store.ts';
import { createApp, type App } from '../../../server/http/create-app.ts';
import type { AdminActions } from '../../../server/http/services.ts';
import { startSimulator } from '../../../server/simulator/index.ts';
import { tempStore } from '../../support/temp-store.ts';
import { testDeps } from '../../support/test-deps.ts';

export const simulatorStart = new Date('2026-03-01T00:00:00Z');

export interface ServedFederation {
  url: string;
  store: Store;
  app: App;
  sim: Awaited<ReturnType<typeof startSimulator>>;
  deps: ReturnType<typeof testDeps>;
  /** GET (or another method) against the app; the body parsed as JSON when it is JSON. */
  get(path: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string; json: unknown }>;
  close(): Promise<void>;
}

/**
 * The real thing on loopback: the simulated federation harvested into a real DuckDB file, and the app serving it
 * on 127.0.0.1 with the clock at the simulator's.
 */
export async function serveFederation({ requests = 3000, seed = 3, admin = null, exportSliceRows }: { requests?: number; seed?: number; admin?: AdminActions | null; exportSliceRows?: number } = {}): Promise<ServedFederation> {
  const sim = await startSimulator({ port: 0, seed, requests, faults: 'none', now: simulatorStart });
  const { store, cleanup } = await tempStore();
  const deps = testDeps({ start: sim.now() });
  await harvest({ store, endpoints: sim.registry(), deps });
  const app = createApp({ store, deps, admin, exportSliceRows });
  const server: Server = app.koa.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, store, app, sim, deps,
    async get(path, init) {
      const response = await fetch(`${url}${path}`, init);
      const text = await response.text();
      const json = /^application\/(geo\+)?json/.test(response.headers.get('content-type') ?? '') && text ? JSON.parse(text) : undefined;
      return { status: response.status, headers: response.headers, text, json };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      app.close();
      await cleanup();
      await sim.close();
    },
  };
}
