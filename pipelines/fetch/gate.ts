import pLimit from 'p-limit';
import type { Deps } from '../deps.ts';

/**
 * Politeness toward one server: at most `concurrency` calls in flight, call starts spaced to the rate limit,
 * and a pause every call honours after a 429's Retry-After. Gates chain: endpoint → host → global cap.
 */
export interface Gate {
  run<T>(work: () => Promise<T>): Promise<T>;
  pauseFor(ms: number): void;
}

type Next = <T>(work: () => Promise<T>) => Promise<T>;

export function createGate({
  concurrency,
  ratePerMinute,
  next,
  onPause,
  deps,
}: {
  concurrency: number;
  ratePerMinute: number;
  /** Where a call goes once this gate lets it through (the host gate, then the global limit). */
  next: Next;
  /** Also told of a pause (a 429 from one tenant slows its whole host). */
  onPause?: (ms: number) => void;
  deps: Pick<Deps, 'now' | 'sleep'>;
}): Gate {
  const local = pLimit(concurrency);
  const spacingMs = 60_000 / ratePerMinute;
  let nextStartAt = 0;
  let pausedUntil = 0;

  async function waitTurn(): Promise<void> {
    for (;;) {
      const now = deps.now().getTime();
      const startAt = Math.max(nextStartAt, pausedUntil);
      if (startAt <= now) {
        nextStartAt = now + spacingMs;
        return;
      }
      await deps.sleep(startAt - now);
    }
  }

  return {
    run: (work) =>
      local(async () => {
        await waitTurn();
        return next(work);
      }),
    pauseFor: (ms) => {
      pausedUntil = Math.max(pausedUntil, deps.now().getTime() + ms);
      onPause?.(ms);
    },
  };
}
