import type { WireRules } from './types.ts';

/** How a server that follows the spec reads parameters and shapes answers; each dialect states what differs. */
export function specRules(overrides: Pick<WireRules, 'paging'> & Partial<WireRules>): WireRules {
  return {
    dateStyle: 'zoned',
    endExclusive: false,
    defaultWindowDays: 90,
    updated: 'none',
    ids: 'list',
    status: 'list',
    jurisdiction: 'ignored',
    errors: 'spec',
    emptyIs404: false,
    wrappedJson: false,
    xmlSortedKeys: false,
    timeStyle: 'zone-offset',
    ...overrides,
  };
}

/** Numeric ids counted from `base` (integer-id vendors). */
export function numericIds(base: number): { idOf: (index: number) => string; indexOf: (id: string) => number | null } {
  return {
    idOf: (index) => String(base + index),
    indexOf: (id) => (/^\d+$/.test(id) ? Number(id) - base : null),
  };
}
