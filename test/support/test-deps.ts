import pino from 'pino';
import type { Deps } from '../../pipelines/deps.ts';

/** Deps for tests: a fixed clock that sleeping moves forward (no real waiting), deterministic jitter, silent logs. */
export function testDeps({ start = new Date('2026-03-01T12:00:00Z'), overrides = {} }: { start?: Date; overrides?: Partial<Deps> } = {}): Deps & { slept: number[] } {
  let clock = start.getTime();
  const slept: number[] = [];
  return {
    fetch: globalThis.fetch,
    now: () => new Date(clock),
    sleep: async (ms) => {
      slept.push(ms);
      clock += ms;
    },
    random: () => 0.5,
    logger: pino({ level: 'silent' }),
    slept,
    ...overrides,
  };
}
