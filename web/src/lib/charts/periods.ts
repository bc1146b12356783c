// Imports no module of the app (only Plot), so the tests outside web/ can load it as it is.
import * as Plot from '@observablehq/plot';

/** A metric's period key as a Date when it is one (day/week/month starts), so time axes are real time axes. */
export function periodDate(period: unknown): Date | null {
  if (typeof period !== 'string') return null;
  const date = new Date(period.length === 7 ? `${period}-01T00:00:00Z` : period.length === 10 ? `${period}T00:00:00Z` : period);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** How many months each calendar period spans; days and weeks step in days instead. */
const months: Record<string, number> = { month: 1, quarter: 3, year: 12 };

/** The start of the period after the one starting at `start` (UTC, as the API cuts periods). */
export function nextPeriod(start: Date, period: string): Date {
  const next = new Date(start);
  if (period in months) next.setUTCMonth(next.getUTCMonth() + months[period]!);
  else next.setUTCDate(next.getUTCDate() + (period === 'week' ? 7 : 1));
  return next;
}

/** Every period key from `first` to `last`, as the API writes them (YYYY-MM-DD), so a quiet period is a row of zeros rather than a gap the line jumps. */
export function periodKeys(first: string, last: string, period: string): string[] {
  const end = periodDate(last);
  const keys: string[] = [];
  for (let d = periodDate(first); d && end && d <= end && keys.length < 10_000; d = nextPeriod(d, period)) keys.push(d.toISOString().slice(0, 10));
  return keys;
}

/**
 * A period holds only part of what it will: when the harvested data starts inside it, the as-of instant falls in it
 * (it is still going on), or the date range cuts it. Any such instant strictly inside the period makes it partial.
 */
export function isPartial(key: unknown, period: string, cuts: (string | null | undefined)[]): boolean {
  const start = periodDate(key);
  if (!start) return false;
  const end = nextPeriod(start, period).getTime();
  return cuts.some((cut) => {
    const t = cut ? Date.parse(cut) : NaN;
    return t > start.getTime() && t < end;
  });
}

export const partialNote = 'Dashed: a partial period (the harvested data starts in it, it is still going on, or the date range cuts it), so its count is lower than a whole period’s.';

/**
 * Lines over periods, solid between complete periods and dashed into and out of partial ones (with a hollow dot on
 * each partial period), so an unfinished month does not read as a fall. Rows carry `date`, the value and `partial`.
 */
export function periodLines(rows: ({ date: Date | null } & Record<string, unknown>)[], { y, series }: { y: string; series: string }): Plot.Markish[] {
  const solid = rows.map((r) => ({ ...r, [y]: r.partial === 'yes' ? null : r[y] }));
  const dashed = rows.flatMap((r, i) => {
    const next = rows[i + 1];
    if (!next || next[series] !== r[series] || (r.partial !== 'yes' && next.partial !== 'yes')) return [];
    return [{ [series]: r[series], x1: r.date, y1: r[y], x2: next.date, y2: next[y] }];
  });
  const partial = rows.filter((r) => r.partial === 'yes');
  return [
    Plot.lineY(solid, { x: 'date', y, stroke: series, z: series, strokeWidth: 2 }),
    Plot.link(dashed, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: series, strokeWidth: 2, strokeDasharray: '4,3' }),
    Plot.dot(partial, { x: 'date', y, stroke: series, fill: '#ffffff', r: 3 }),
  ];
}
