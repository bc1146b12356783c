import { mix32, seedOf } from '../model/random.ts';
import type { FaultProfile } from '../types.ts';

export const faultKinds = ['server_error', 'too_many_requests', 'stall', 'truncated', 'html_200', 'repeated_page'] as const;
export type FaultKind = (typeof faultKinds)[number];

/** Per-call probabilities of the flaky profile; hostile is three times as likely. */
export const flakyRates: Record<FaultKind, number> = {
  server_error: 0.015,
  too_many_requests: 0.01,
  stall: 0.004,
  truncated: 0.01,
  html_200: 0.01,
  repeated_page: 0.015,
};

const scale: Record<FaultProfile, number> = { none: 0, flaky: 1, hostile: 3 };

/** Draws at most one fault per Open311 call from a seeded stream (call n always gets the same draw), so a retry can succeed. */
export class FaultPlan {
  private calls = 0;
  readonly counts: Record<FaultKind, number> = Object.fromEntries(faultKinds.map((k) => [k, 0])) as Record<FaultKind, number>;
  private readonly seed: number;
  private readonly factor: number;

  constructor(args: { seed: number; profile: FaultProfile }) {
    this.seed = seedOf(args.seed, 'faults');
    this.factor = scale[args.profile];
  }

  /** The fault for the next call; `repeated_page` only where a previous page exists. */
  next(args: { canRepeatPage: boolean }): { kind: FaultKind; call: number } | null {
    const call = this.calls++;
    if (this.factor === 0) return null;
    let u = mix32(this.seed ^ mix32(call + 0x51ed27)) / 0x100000000;
    for (const kind of faultKinds) {
      u -= flakyRates[kind] * this.factor;
      if (u < 0) {
        if (kind === 'repeated_page' && !args.canRepeatPage) return null;
        this.counts[kind]++;
        return { kind, call };
      }
    }
    return null;
  }
}
