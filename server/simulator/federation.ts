import { simDialects } from './dialects/index.ts';
import type { IdContext, SimDialect, SimService } from './dialects/types.ts';
import { lifecycleFor, type ServiceLifecycle } from './model/lifecycle.ts';
import { buildPopulation, type Population } from './model/population.ts';
import { rngOf, seedOf, float } from './model/random.ts';
import { makeFormatter, zoneOffsets, type TimeFormatter } from './time/time-format.ts';
import type { FaultProfile } from './types.ts';

/** One simulated endpoint: its dialect, its records' facts, and what rendering them needs. */
export interface SimEndpoint {
  id: string;
  dialect: SimDialect;
  seed: number;
  pop: Population;
  services: SimService[];
  lifecycles: ServiceLifecycle[];
  idContext: IdContext;
  time: TimeFormatter;
  /** Data span in epoch seconds: [from, to). */
  from: number;
  to: number;
}

export const daysBefore = 400;
export const daysAfter = 35;
export const malformedRates: Record<FaultProfile, number> = { none: 0, flaky: 1 / 400, hostile: 3 / 400 };

/** Zipf-like popularity over a seeded order of the services: a few types dominate, as in every 311 feed. */
function serviceWeights(seed: number, count: number): Float64Array {
  const rng = rngOf(seed);
  const ranks = Array.from({ length: count }, (_, i) => ({ i, key: float(rng) })).sort((a, b) => a.key - b.key);
  const weights = new Float64Array(count);
  ranks.forEach(({ i }, rank) => (weights[i] = 1 / Math.pow(rank + 1, 1.05)));
  for (let i = 1; i < count; i++) weights[i] = (weights[i] ?? 0) + (weights[i - 1] ?? 0);
  return weights;
}

/** Splits the total by the dialect weights; the rounding remainder goes to the largest endpoint. */
export function splitRequests(total: number): number[] {
  const counts = simDialects.map(({ weight }) => Math.floor(total * weight));
  const largest = simDialects.reduce((best, d, i) => (d.weight > (simDialects[best]?.weight ?? 0) ? i : best), 0);
  counts[largest] = (counts[largest] ?? 0) + total - counts.reduce((a, b) => a + b, 0);
  return counts;
}

export function buildFederation(args: { seed: number; requests: number; faults: FaultProfile; start: number }): SimEndpoint[] {
  const counts = splitRequests(args.requests);
  const from = args.start - daysBefore * 86400;
  const to = args.start + daysAfter * 86400;
  return simDialects.map(({ dialect }, k) => {
    const id = `sim-${dialect.id}`;
    const seed = seedOf(args.seed, id);
    const services = dialect.services(null);
    const lifecycles = services.map((_, serviceIndex) => lifecycleFor({ seed: args.seed, endpointId: id, serviceIndex }));
    const offsetAt = zoneOffsets(dialect.city.timezone);
    const pop = buildPopulation({
      seed: args.seed, endpointId: id, count: counts[k] ?? 0, from, to, offsetMinutes: offsetAt(args.start),
      serviceWeights: serviceWeights(seedOf(seed, 'services'), services.length), lifecycles,
      duplicateShare: dialect.duplicateShare, malformedRate: malformedRates[args.faults], echoShare: dialect.echoShare,
    });
    return {
      id, dialect, seed, pop, services, lifecycles, from, to,
      idContext: { seed, requested: pop.requested, offsetAt },
      time: makeFormatter(dialect.city.timezone, dialect.rules.timeStyle),
    };
  });
}

/** The index of a wire id when it names a record that exists (visible or not). */
export function indexOfId(ep: SimEndpoint, id: string): number | null {
  const index = ep.dialect.indexOf(id, ep.idContext);
  if (index === null || !Number.isInteger(index) || index < 0 || index >= ep.pop.n) return null;
  return ep.dialect.idOf(index, ep.idContext) === id ? index : null;
}
