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

/** Default start: the real time minus 14 days, truncated to the hour, so a harvester on the real clock never lags the simulator. */
export function defaultStart(realNow: number = Date.now()): Date {
  const hour = 3600_000;
  return new Date(Math.floor((realNow - 14 * 24 * hour) / hour) * hour);
}
