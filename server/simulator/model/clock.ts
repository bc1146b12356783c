/** The simulated clock: whole seconds, stands still unless advanced. */
export class SimClock {
  private seconds: number;

  constructor(start: Date) {
    this.seconds = Math.floor(start.getTime() / 1000);
  }

  nowSeconds(): number {
    return this.seconds;
  }

  now(): Date {
    return new Date(this.seconds * 1000);
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`cannot advance the clock by ${ms} ms`);
    this.seconds += Math.floor(ms / 1000);
  }
}

const hour = 3600_000;

/** Default start: the real time minus 14 days, truncated to the hour, so a harvester on the real clock never lags the simulator. */
export function defaultStart(realNow: number = Date.now()): Date {
  return new Date(Math.floor((realNow - 14 * 24 * hour) / hour) * hour);
}

/** The real time truncated to the hour: a start for a simulator that then keeps up with the real clock (`catchUp`). */
export function startOfHour(realNow: number): Date {
  return new Date(Math.floor(realNow / hour) * hour);
}

/**
 * Moves a simulator's clock up to the real time, never past it (a harvester on the real clock must not lag the
 * simulated city). Returns the milliseconds it moved.
 */
export function catchUp(simulator: { now(): Date; advance(ms: number): void }, realNow: number): number {
  const lag = realNow - simulator.now().getTime();
  if (lag < 1000) return 0;
  simulator.advance(lag);
  return lag;
}
