// The time-to-close ridges' points. Imports nothing, so the tests outside web/ can load it as it is.

export const horizons = [1, 7, 30, 90];
/** The axis starts at one hour: durations are rounded up to the hour, so nothing has closed before it (everything is still open). */
export const firstHour = 1 / 24;

export interface RidgePoint {
  days: number;
  open: number;
  /** What the point is: the start, a within-N-days share, the median or the p90. */
  known: 'start' | 'within' | 'median' | 'p90';
}

/**
 * The share still open only where the API gives it: after 1, 7, 30 and 90 days, 50 % at the median and 10 % at
 * the p90 (Kaplan–Meier), in time order, to be joined by straight lines. Between them the true curve is unknown: a
 * step drawn through them would claim it stays flat until the next figure, which the median contradicts.
 */
export function ridgePoints(r: Partial<Record<string, unknown>>): RidgePoint[] {
  const points: RidgePoint[] = [{ days: firstHour, open: 1, known: 'start' }];
  for (const d of horizons) {
    const within = r[`within_${d}d`];
    if (typeof within === 'number') points.push({ days: d, open: 1 - within, known: 'within' });
  }
  if (typeof r.median_days === 'number') points.push({ days: Math.max(firstHour, r.median_days), open: 0.5, known: 'median' });
  if (typeof r.p90_days === 'number') points.push({ days: Math.max(firstHour, r.p90_days), open: 0.1, known: 'p90' });
  // At the same time, the higher share first: the curve drops there.
  return points.sort((a, b) => a.days - b.days || b.open - a.open);
}
