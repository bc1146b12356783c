import { NEVER } from './lifecycle.ts';
import type { Population } from './population.ts';

export type Stage = 'open' | 'acknowledged' | 'closed';

/** First index whose value is ≥ x (sorted ascending). */
export function lowerBound(values: Uint32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x (sorted ascending). */
export function upperBound(values: Uint32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Records requested at or before `now` (they are the prefix [0, visible)). */
export function visibleCount(pop: Population, now: number): number {
  return upperBound(pop.requested, now);
}

export function stageAt(pop: Population, i: number, now: number): Stage {
  if ((pop.closed[i] as number) <= now) return 'closed';
  return (pop.ack[i] as number) <= now ? 'acknowledged' : 'open';
}

/** updated_datetime at `now`: the latest event that has happened. */
export function updatedAt(pop: Population, i: number, now: number): number {
  const closed = pop.closed[i] as number;
  if (closed <= now) return closed;
  const ack = pop.ack[i] as number;
  return ack <= now && ack !== NEVER ? ack : (pop.requested[i] as number);
}
