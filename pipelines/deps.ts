import type { Logger } from 'pino';
import { createLogger } from '../server/logger.ts';

/** Side effects passed into the pipelines as one object, so tests swap the clock, the network and the randomness. */
export interface Deps {
  fetch: typeof globalThis.fetch;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1): backoff jitter. */
  random: () => number;
  logger: Logger;
}

export function defaultDeps(overrides: Partial<Deps> = {}): Deps {
  return {
    fetch: globalThis.fetch,
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    logger: createLogger('info'),
    ...overrides,
  };
}
