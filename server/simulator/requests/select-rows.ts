import type { SimEndpoint } from '../federation.ts';
import { lowerBound, updatedAt, upperBound, visibleCount } from '../model/record-state.ts';

/** Which records a list call asks for (requested bounds in epoch seconds; updated bounds inclusive). */
export interface RowFilter {
  start: number | null;
  end: number | null;
  endExclusive: boolean;
  updatedAfter: number | null;
  updatedBefore: number | null;
  /** Service indices, or null for all. */
  services: Set<number> | null;
  status: 'open' | 'closed' | null;
}

/** Matching record indices in ascending (= requested time) order. */
export interface Rows {
  length: number;
  at(k: number): number;
}

// Per endpoint population (two simulators in one process must not share entries).
const caches = new WeakMap<object, Map<string, Int32Array>>();
const cacheLimit = 32;

function range(lo: number, hi: number): Rows {
  return { length: Math.max(0, hi - lo), at: (k) => lo + k };
}

function scan(ep: SimEndpoint, filter: RowFilter, lo: number, hi: number, now: number): Int32Array {
  const { pop } = ep;
  const out = new Int32Array(Math.max(0, hi - lo));
  let n = 0;
  const after = filter.updatedAfter ?? -Infinity;
  const before = filter.updatedBefore ?? Infinity;
  for (let i = lo; i < hi; i++) {
    if (filter.services && !filter.services.has(pop.service[i] as number)) continue;
    if (filter.status && ((pop.closed[i] as number) <= now ? 'closed' : 'open') !== filter.status) continue;
    if (after !== -Infinity || before !== Infinity) {
      const updated = updatedAt(pop, i, now);
      if (updated < after || updated > before) continue;
    }
    out[n++] = i;
  }
  return out.slice(0, n);
}

/** Records visible at `now` that match the filter: a binary search on requested time, then a scan for other filters (cached per clock). */
export function selectRows(ep: SimEndpoint, filter: RowFilter, now: number): Rows {
  const requested = ep.pop.requested;
  const visible = visibleCount(ep.pop, now);
  const lo = filter.start === null ? 0 : lowerBound(requested, filter.start);
  let hi = visible;
  if (filter.end !== null) hi = Math.min(hi, filter.endExclusive ? lowerBound(requested, filter.end) : upperBound(requested, filter.end));
  if (filter.services === null && filter.status === null && filter.updatedAfter === null && filter.updatedBefore === null) {
    return range(lo, hi);
  }
  const cache = caches.get(ep.pop) ?? new Map<string, Int32Array>();
  caches.set(ep.pop, cache);
  const key = [now, lo, hi, filter.updatedAfter, filter.updatedBefore, filter.status, [...(filter.services ?? [])].join(',')].join('|');
  let list = cache.get(key);
  if (!list) {
    if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value as string);
    list = scan(ep, filter, lo, hi, now);
    cache.set(key, list);
  }
  const found = list;
  return { length: found.length, at: (k) => found[k] as number };
}
