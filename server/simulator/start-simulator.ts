import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan } from './faults/fault-plan.ts';
import { declaredConformance } from './conformance/declared.ts';
import { buildFederation } from './federation.ts';
import { createSimServer } from './http/http-server.ts';
import type { SimControl } from './http/sim-routes.ts';
import { defaultStart, SimClock } from './model/clock.ts';
import { simRegistry, simRegistryYaml } from './registry.ts';
import { endpointState, truthRows } from './truth.ts';
import type { Simulator, SimulatorOptions, SimulatorState } from './types.ts';

/** Builds the simulated federation (typed arrays, deterministic from `seed`) and serves it on loopback. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { seed, requests, faults } = options;
  if (!Number.isInteger(requests) || requests < 0) throw new Error(`requests must be a whole number ≥ 0, got ${requests}`);
  const clock = new SimClock(options.now ?? defaultStart());
  const startedAt = clock.now().toISOString();
  const endpoints = buildFederation({ seed, requests, faults, start: clock.nowSeconds() });
  const plan = new FaultPlan({ seed, profile: faults });
  let url = '';
  const origins = new Map<string, string>();
  const originOf = (id: string) => origins.get(id) ?? url;
  const baseUrlOf = (id: string) => `${originOf(id)}${endpoints.find((e) => e.id === id)?.dialect.city.prefix ?? '/'}`;
  const state = (): SimulatorState => ({
    clock: clock.now().toISOString(), started_at: startedAt, seed, requests, faults, fault_counts: { ...plan.counts },
    endpoints: endpoints.map((ep) => endpointState(ep, clock.nowSeconds(), baseUrlOf(ep.id))),
  });
  const conformance = () => declaredConformance({ endpoints, origin: url });
  const control: SimControl = { endpoints, nowSeconds: () => clock.nowSeconds(), advance: (ms) => clock.advance(ms), state, conformance };
  const sim = createSimServer({ control, faults: plan, stallMs: options.stallMs ?? 4000, originOf });
  const hostName = options.host ?? '127.0.0.1';
  // The main port serves /_sim/ and every endpoint; each endpoint also has a port of its own (port+1+i, or any).
  const server = await listen(sim.createServer(), options.port ?? 0, hostName);
  url = originFor(server);
  const endpointServers = await Promise.all(
    endpoints.map((ep, i) => listen(sim.createServer(), options.port ? options.port + 1 + i : 0, hostName).then((s) => {
      origins.set(ep.id, originFor(s));
      return s;
    })),
  );
  const servers = [server, ...endpointServers];
  return {
    url,
    registry: () => simRegistry(endpoints, originOf),
    registryYaml: () => simRegistryYaml(simRegistry(endpoints, originOf), url),
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    state,
    truth: (endpointId) => {
      const ep = endpoints.find((e) => e.id === endpointId);
      if (!ep) throw new Error(`unknown simulated endpoint ${endpointId} (known: ${endpoints.map((e) => e.id).join(', ')})`);
      return truthRows(ep, clock.nowSeconds());
    },
    conformance,
    close: async () => {
      sim.stop();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function originFor(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
