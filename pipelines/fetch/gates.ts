import pLimit from 'p-limit';
import type { Deps } from '../deps.ts';
import type { Endpoint } from '../registry/types.ts';
import { createGate, type Gate } from './gate.ts';

/**
 * The gates of one harvest process: one per host (several tenants of one vendor share a server: SeeClickFix
 * hosts dozens of cities), at the strictest rate of its endpoints, all behind one global cap on calls in flight.
 */
export interface Gates {
  forEndpoint(endpoint: Endpoint, ratePerMinute: number): Gate;
}

export function createGates({
  endpoints,
  rateOf,
  globalConcurrency,
  hostConcurrency,
  deps,
}: {
  endpoints: readonly Endpoint[];
  rateOf: (endpoint: Endpoint) => number;
  globalConcurrency: number;
  hostConcurrency: number;
  deps: Pick<Deps, 'now' | 'sleep'>;
}): Gates {
  const global = pLimit(globalConcurrency);
  const hostRates = new Map<string, number>();
  for (const endpoint of endpoints) {
    const host = new URL(endpoint.base_url).host;
    hostRates.set(host, Math.min(hostRates.get(host) ?? Infinity, rateOf(endpoint)));
  }
  const hosts = new Map<string, Gate>();
  const hostGate = (host: string, rate: number): Gate => {
    let gate = hosts.get(host);
    if (!gate) {
      gate = createGate({ concurrency: hostConcurrency, ratePerMinute: hostRates.get(host) ?? rate, next: global, deps });
      hosts.set(host, gate);
    }
    return gate;
  };
  return {
    forEndpoint: (endpoint, ratePerMinute) => {
      const host = hostGate(new URL(endpoint.base_url).host, ratePerMinute);
      return createGate({ concurrency: endpoint.concurrency, ratePerMinute, next: (work) => host.run(work), onPause: host.pauseFor, deps });
    },
  };
}
