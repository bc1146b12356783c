import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export type { RandomGenerator };

/** 32-bit avalanche mix (murmur3 finaliser): nearby inputs give unrelated seeds. */
export function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One step of seedOf: the hash so far with one more part mixed in. */
function absorb(h: number, part: number | string): number {
  if (typeof part === 'number') {
    h = mix32(h ^ mix32(part | 0) ^ mix32(Math.floor(part / 0x100000000)));
  } else {
    for (let i = 0; i < part.length; i++) h = mix32(h ^ part.charCodeAt(i));
  }
  return mix32(h + 0x6a09e667);
}

/** Combines several integers or strings into one 32-bit seed. */
export function seedOf(...parts: (number | string)[]): number {
  return parts.reduce(absorb, 0x9e3779b9);
}

/** `(n) => seedOf(...parts, n)`, the fixed parts hashed once: for a seed drawn per record. */
export function seedFamily(...parts: (number | string)[]): (n: number) => number {
  const h = seedOf(...parts);
  return (n) => absorb(h, n);
}

export function rngOf(seed: number): RandomGenerator {
  return xoroshiro128plus(seed | 0);
}

/** Uniform in [0, 1). */
export function float(rng: RandomGenerator): number {
  return uniformFloat64(rng);
}

/** Integer in [0, n). */
export function below(rng: RandomGenerator, n: number): number {
  return Math.floor(uniformFloat64(rng) * n);
}

export function chance(rng: RandomGenerator, p: number): boolean {
  return uniformFloat64(rng) < p;
}

export function pick<T>(rng: RandomGenerator, items: readonly T[]): T {
  const item = items[below(rng, items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** Standard normal draw (Box–Muller). */
export function normal(rng: RandomGenerator): number {
  const u = 1 - uniformFloat64(rng);
  const v = uniformFloat64(rng);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Index into cumulative weights (last entry = total). */
export function pickWeighted(rng: RandomGenerator, cumulative: Float64Array): number {
  const target = uniformFloat64(rng) * (cumulative[cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Hex string of n random nibbles. */
export function hex(rng: RandomGenerator, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += below(rng, 16).toString(16);
  return out;
}
