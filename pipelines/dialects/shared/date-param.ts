import { DateTime } from 'luxon';

export type DateStyle = 'utc' | 'local';
/** Lower bounds round down and upper bounds up, so whole-second parameters never narrow the harvester's window. */
export type Rounding = 'floor' | 'ceil';

function wholeSeconds(date: Date, rounding: Rounding): number {
  const ms = date.getTime();
  return (rounding === 'floor' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000)) * 1000;
}

/** `YYYY-MM-DDThh:mm:ssZ` (GEOREPORT §3: whole seconds, `Z` rather than `+00:00`), or Chicago's zone-less local time. */
export function formatDateParam({ date, style, zone, rounding }: { date: Date; style: DateStyle; zone: string; rounding: Rounding }): string {
  const ms = wholeSeconds(date, rounding);
  if (style === 'utc') return `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const local = DateTime.fromMillis(ms, { zone });
  if (!local.isValid) throw new Error(`cannot format a date in zone "${zone}": ${local.invalidReason ?? 'invalid'}`);
  return local.toFormat("yyyy-MM-dd'T'HH:mm:ss");
}
