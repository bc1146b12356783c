import type { Dialect } from './types.ts';

/** Every dialect fed311 speaks; adding a vendor = one folder + one line here. */
export const dialectIds = [
  'generic', 'chicago', 'connectedbits', 'seeclickfix', 'citysdk', 'ureport', 'fixmystreet', 'markaspot',
] as const;
export type DialectId = (typeof dialectIds)[number];

const registry = new Map<string, Dialect>();

export function getDialect(id: string): Dialect {
  const dialect = registry.get(id);
  if (!dialect) throw new Error(`unknown dialect "${id}" (known: ${dialectIds.join(', ')})`);
  return dialect;
}
