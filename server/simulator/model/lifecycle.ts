import { chance, float, normal, rngOf, seedOf, type RandomGenerator } from './random.ts';

/** Close-time model of one service: log-normal durations with their own median, plus a share never closed. */
export interface ServiceLifecycle {
  medianDays: number;
  sigma: number;
  neverCloseShare: number;
}

/** Sentinel in the typed arrays for "never happens". */
export const NEVER = 0xffffffff;

export function lifecycleFor(args: { seed: number; endpointId: string; serviceIndex: number }): ServiceLifecycle {
  const rng = rngOf(seedOf(args.seed, args.endpointId, 'lifecycle', args.serviceIndex));
  // Medians from 2 hours to 3 months, log-uniform.
  const medianDays = Math.exp(Math.log(2 / 24) + float(rng) * (Math.log(90) - Math.log(2 / 24)));
  return {
    medianDays: Math.round(medianDays * 1000) / 1000,
    sigma: Math.round((0.6 + float(rng) * 0.9) * 100) / 100,
    neverCloseShare: Math.round((0.01 + float(rng) * 0.19) * 1000) / 1000,
  };
}

const maxSeconds = 5 * 365 * 86400;

function logNormalSeconds(rng: RandomGenerator, medianDays: number, sigma: number, min: number): number {
  const s = Math.round(medianDays * 86400 * Math.exp(sigma * normal(rng)));
  return Math.min(maxSeconds, Math.max(min, s));
}

/** Acknowledged and closed instants (epoch seconds, NEVER when not happening) of one request. */
export function drawLifecycle(args: {
  rng: RandomGenerator;
  model: ServiceLifecycle;
  requested: number;
  duplicate: boolean;
}): { ack: number; closed: number } {
  const { rng, model, requested, duplicate } = args;
  if (duplicate) {
    // Duplicates are closed quickly by the back office, usually without an acknowledgement.
    const closed = requested + logNormalSeconds(rng, 3 / 24, 0.8, 120);
    return { ack: chance(rng, 0.3) ? requested + Math.floor((closed - requested) / 2) : NEVER, closed };
  }
  if (chance(rng, model.neverCloseShare)) {
    const ack = chance(rng, 0.5) ? requested + logNormalSeconds(rng, model.medianDays * 0.25, model.sigma, 60) : NEVER;
    return { ack, closed: NEVER };
  }
  const duration = logNormalSeconds(rng, model.medianDays, model.sigma, 300);
  const ack = chance(rng, 0.75) ? requested + Math.max(60, Math.floor(duration * (0.05 + 0.55 * float(rng)))) : NEVER;
  return { ack, closed: requested + duration };
}
