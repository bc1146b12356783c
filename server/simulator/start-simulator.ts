import type { AddressInfo } from 'node:net';
import { FaultPlan } from './faults/fault-plan.ts';
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
  const baseUrlOf = (id: string) => `${url}${endpoints.find((e) => e.id === id)?.dialect.city.prefix ?? '/'}`;
  const state = (): SimulatorState => ({
    clock: clock.now().toISOString(), started_at: startedAt, seed, requests, faults, fault_counts: { ...plan.counts },
    endpoints: endpoints.map((ep) => endpointState(ep, clock.nowSeconds(), baseUrlOf(ep.id))),
  });
  const control: SimControl = { endpoints, nowSeconds: () => clock.nowSeconds(), advance: (ms) => clock.advance(ms), state };
  const { server, stop } = createSimServer({ control, faults: plan, stallMs: options.stallMs ?? 4000, serverUrl: () => url });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host}:${address.port}`;
  return {
    url,
    registry: () => simRegistry(endpoints, url),
    registryYaml: () => simRegistryYaml(simRegistry(endpoints, url), url),
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    state,
    truth: (endpointId) => {
      const ep = endpoints.find((e) => e.id === endpointId);
      if (!ep) throw new Error(`unknown simulated endpoint ${endpointId} (known: ${endpoints.map((e) => e.id).join(', ')})`);
      return truthRows(ep, clock.nowSeconds());
    },
    close: () =>
      new Promise<void>((resolve) => {
        stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
