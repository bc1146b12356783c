import type { AddressInfo } from 'node:net';
import { harvest } from '../../../pipelines/harvest.ts';
import type { Endpoint } from '../../../pipelines/registry/types.ts';
import { loadDashboard } from '../../../server/dashboard.ts';
import { createApp } from '../../../server/http/create-app.ts';
import { startSimulator, type Simulator } from '../../../server/simulator/index.ts';
import { tempStore } from '../../support/temp-store.ts';
import { testDeps } from '../../support/test-deps.ts';

export interface DashboardServer {
  url: string;
  sim: Simulator;
  /** Harvests the given registry entries again into the served store (e.g. broken ones, to see a feed fail). */
  harvestAgain: (endpoints: Endpoint[]) => Promise<void>;
  close: () => Promise<void>;
}

/** The real thing on loopback: the simulated federation harvested into a temp DuckDB file, served by createApp with the built dashboard. */
export async function startDashboardServer({ requests = 4000, seed = 7, now = new Date('2026-11-20T12:00:00Z') } = {}): Promise<DashboardServer> {
  const sim = await startSimulator({ port: 0, seed, requests, faults: 'none', now });
  const temp = await tempStore();
  // The simulator's clock, which sleeping (politeness, retries) moves on without real waiting.
  const deps = testDeps({ start: sim.now() });
  await harvest({ store: temp.store, endpoints: sim.registry(), deps });
  const dashboard = await loadDashboard();
  if (!dashboard) throw new Error('web/build is missing: run npm run build:web');
  const app = createApp({ store: temp.store, deps, dashboard });
  const server = app.koa.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sim,
    harvestAgain: async (endpoints) => {
      await harvest({ store: temp.store, endpoints, deps });
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      app.close();
      await temp.cleanup();
      await sim.close();
    },
  };
}
