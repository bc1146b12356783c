import { below, chance, float, normal, type RandomGenerator } from './random.ts';

// Relative volume per weekday (0 = Thursday, the weekday of 1970-01-01): weekends are quieter.
const weekdayWeight = [1, 0.97, 0.72, 0.66, 1, 1, 1];

function secondOfDay(rng: RandomGenerator): number {
  // Most reports arrive in working hours, some at any time.
  if (chance(rng, 0.2)) return below(rng, 86400);
  const s = Math.round((13.5 + 3.8 * normal(rng)) * 3600);
  return ((s % 86400) + 86400) % 86400;
}

/**
 * `count` whole-second request times in [from, to), sorted ascending, with a weekly and daily rhythm
 * in local time (approximated by one fixed offset: a DST hour does not matter for the shape).
 */
export function arrivalTimes(args: {
  rng: RandomGenerator;
  count: number;
  from: number;
  to: number;
  offsetMinutes: number;
}): Uint32Array {
  const { rng, count, from, to, offsetMinutes } = args;
  const shift = offsetMinutes * 60;
  const firstLocalDay = Math.floor((from + shift) / 86400);
  const days = Math.ceil((to + shift) / 86400) - firstLocalDay;
  const out = new Uint32Array(count);
  let filled = 0;
  while (filled < count) {
    const day = firstLocalDay + below(rng, days);
    if (float(rng) > (weekdayWeight[((day % 7) + 7) % 7] ?? 1)) continue;
    const t = day * 86400 + secondOfDay(rng) - shift;
    if (t < from || t >= to) continue;
    out[filled++] = t;
  }
  return out.sort();
}
