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
  // If any port cannot be had, the ones already open are closed again: a half-started federation would hold them.
  const ports = [options.port ?? 0, ...endpoints.map((_, i) => (options.port ? options.port + 1 + i : 0))];
  const opened = await Promise.allSettled(ports.map((port) => listen(sim.createServer(), port, hostName)));
  const failed = opened.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    sim.stop();
    await Promise.all(opened.map((result) => (result.status === 'fulfilled' ? closeServer(result.value) : undefined)));
    const cause = (opened[failed] as PromiseRejectedResult).reason as NodeJS.ErrnoException;
    const which = failed === 0 ? 'the main port' : `${endpoints[failed - 1]!.id}'s own port (--port + ${failed})`;
    throw new Error(`cannot listen on ${hostName}:${ports[failed]}, ${which}: ${cause.code ?? cause.message}`, { cause });
  }
  const servers = opened.map((result) => (result as PromiseFulfilledResult<Server>).value);
  url = originFor(servers[0]!);
  endpoints.forEach((ep, i) => origins.set(ep.id, originFor(servers[i + 1]!)));
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
      await Promise.all(servers.map(closeServer));
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

function originFor(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
