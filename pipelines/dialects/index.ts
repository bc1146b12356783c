import type { Dialect } from './types.ts';
import { chicago } from './chicago/index.ts';
import { citysdk } from './citysdk/index.ts';
import { connectedbits } from './connectedbits/index.ts';
import { fixmystreet } from './fixmystreet/index.ts';
import { generic } from './generic/index.ts';
import { markaspot } from './markaspot/index.ts';
import { seeclickfix } from './seeclickfix/index.ts';
import { ureport } from './ureport/index.ts';

/** Every dialect fed311 speaks; adding a vendor = one folder + one line here. */
export const dialectIds = [
  'generic', 'chicago', 'connectedbits', 'seeclickfix', 'citysdk', 'ureport', 'fixmystreet', 'markaspot',
] as const;
export type DialectId = (typeof dialectIds)[number];

const registry = new Map<string, Dialect>(
  [generic, chicago, connectedbits, seeclickfix, citysdk, ureport, fixmystreet, markaspot].map((dialect) => [dialect.id, dialect]),
);

export function getDialect(id: string): Dialect {
  const dialect = registry.get(id);
  if (!dialect) throw new Error(`unknown dialect "${id}" (known: ${dialectIds.join(', ')})`);
  return dialect;
}
