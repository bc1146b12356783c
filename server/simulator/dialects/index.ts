import { chicago } from './chicago.ts';
import { citysdk } from './citysdk.ts';
import { connectedbits } from './connectedbits.ts';
import { fixmystreet } from './fixmystreet.ts';
import { generic } from './generic.ts';
import { markaspot } from './markaspot.ts';
import { seeclickfix } from './seeclickfix.ts';
import { ureport } from './ureport.ts';
import type { SimDialect } from './types.ts';

/** Every simulated vendor, with its share of the requested volume (chicago, generic and citysdk large; seeclickfix small). */
export const simDialects: readonly { dialect: SimDialect; weight: number }[] = [
  { dialect: generic, weight: 0.2 },
  { dialect: chicago, weight: 0.24 },
  { dialect: connectedbits, weight: 0.1 },
  { dialect: seeclickfix, weight: 0.02 },
  { dialect: citysdk, weight: 0.18 },
  { dialect: ureport, weight: 0.08 },
  { dialect: fixmystreet, weight: 0.1 },
  { dialect: markaspot, weight: 0.08 },
];
