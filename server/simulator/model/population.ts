import { arrivalTimes } from './arrival-times.ts';
import { drawLifecycle, type ServiceLifecycle } from './lifecycle.ts';
import { below, chance, float, pickWeighted, rngOf, seedOf } from './random.ts';

/** Persistent record defects (faults ≠ none); stored in the low bits of `flags`. */
export const malformedKinds = ['missing_id', 'bad_requested_datetime', 'bad_status', 'not_an_object'] as const;
export type MalformedKind = (typeof malformedKinds)[number];
export const MALFORMED_MASK = 0b111;
/** The record is sent twice in one answer (CitySDK). */
export const ECHO_FLAG = 0b1000;

/** Per-record facts of one endpoint in typed arrays (epoch seconds; NEVER = not happening); text is rendered on demand. */
export interface Population {
  n: number;
  requested: Uint32Array;
  ack: Uint32Array;
  closed: Uint32Array;
  service: Uint16Array;
  flags: Uint8Array;
  /** Index of the request this one duplicates, -1 when none; null for dialects without duplicates. */
  parent: Int32Array | null;
}

export interface PopulationSpec {
  seed: number;
  endpointId: string;
  count: number;
  from: number;
  to: number;
  offsetMinutes: number;
  /** Cumulative service weights. */
  serviceWeights: Float64Array;
  lifecycles: ServiceLifecycle[];
  duplicateShare: number;
  malformedRate: number;
  echoShare: number;
}

export function buildPopulation(spec: PopulationSpec): Population {
  const rng = rngOf(seedOf(spec.seed, spec.endpointId, 'population'));
  const n = spec.count;
  const requested = arrivalTimes({ rng, count: n, from: spec.from, to: spec.to, offsetMinutes: spec.offsetMinutes });
  const ack = new Uint32Array(n);
  const closed = new Uint32Array(n);
  const service = new Uint16Array(n);
  const flags = new Uint8Array(n);
  const parent = spec.duplicateShare > 0 ? new Int32Array(n).fill(-1) : null;
  for (let i = 0; i < n; i++) {
    let duplicate = false;
    if (parent && i > 0 && chance(rng, spec.duplicateShare)) {
      let j = i - 1 - below(rng, Math.min(i, 40));
      j = (parent[j] ?? -1) >= 0 ? (parent[j] as number) : j;
      parent[i] = j;
      service[i] = service[j] ?? 0;
      duplicate = true;
    } else {
      service[i] = pickWeighted(rng, spec.serviceWeights);
    }
    const model = spec.lifecycles[service[i] ?? 0] as ServiceLifecycle;
    const life = drawLifecycle({ rng, model, requested: requested[i] ?? 0, duplicate });
    ack[i] = life.ack;
    closed[i] = life.closed;
    const u = float(rng);
    if (u < spec.malformedRate) flags[i] = 1 + Math.floor((u / spec.malformedRate) * malformedKinds.length);
    if (chance(rng, spec.echoShare)) flags[i] = (flags[i] ?? 0) | ECHO_FLAG;
  }
  return { n, requested, ack, closed, service, flags, parent };
}

export function malformedOf(pop: Population, i: number): MalformedKind | null {
  const kind = (pop.flags[i] ?? 0) & MALFORMED_MASK;
  return kind ? (malformedKinds[kind - 1] ?? null) : null;
}
