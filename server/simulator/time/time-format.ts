import { IANAZone } from 'luxon';
import { civilFromDays } from '../../../pipelines/normalize/civil-days.ts';

/** How a dialect writes timestamps: offset in the endpoint's zone, or UTC with `.000Z`. */
export type TimeStyle = 'zone-offset' | 'utc-millis';

/** Epoch seconds → wire string. */
export type TimeFormatter = (epochSeconds: number) => string;

const pad2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** UTC days of offsets kept per zone: more than ten years, while a federation's data spans 435 days. */
const keptDays = 4096;
const offsetsByZone = new Map<string, (epochSeconds: number) => number>();

/**
 * Offset (minutes east of UTC) of a zone at an instant: luxon's offset at the start of the instant's UTC hour (every
 * zone served here changes offset on whole hours). Luxon's offset is slow (Intl formatToParts, ~7 µs), and a harvest
 * formats a few instants in each of some 10,000 hours, so a cache per hour would miss about every other time. The
 * cache is per UTC day instead: a day whose offset at its start is also the offset at the next day's start holds one
 * number, a day with a transition (two a year) holds its 24 hourly offsets. This takes it that no zone leaves an
 * offset and comes back to it within 24 hours. One cache per zone, shared by every endpoint in that zone.
 */
export function zoneOffsets(zone: string): (epochSeconds: number) => number {
  let offsetAt = offsetsByZone.get(zone);
  if (!offsetAt) {
    offsetAt = cachedZoneOffsets(zone);
    offsetsByZone.set(zone, offsetAt);
  }
  return offsetAt;
}

function cachedZoneOffsets(zone: string): (epochSeconds: number) => number {
  const iana = IANAZone.create(zone);
  if (!iana.isValid) throw new Error(`unknown time zone ${zone}`);
  const atHour = (hour: number) => iana.offset(hour * 3_600_000);
  const dayOffsets = (day: number): number | number[] => {
    const first = atHour(day * 24);
    if (atHour(day * 24 + 24) === first) return first;
    return Array.from({ length: 24 }, (_, h) => atHour(day * 24 + h));
  };
  const days = new Map<number, number | number[]>();
  return (epochSeconds) => {
    const hour = Math.floor(epochSeconds / 3600);
    const day = Math.floor(hour / 24);
    let offsets = days.get(day);
    if (offsets === undefined) {
      if (days.size >= keptDays) days.delete(days.keys().next().value as number);
      offsets = dayOffsets(day);
      days.set(day, offsets);
    }
    return typeof offsets === 'number' ? offsets : (offsets[hour - day * 24] as number);
  };
}

/** `Thh:mm:` of each minute of a day. */
const minuteTexts = Array.from({ length: 1440 }, (_, m) => `T${pad2[Math.floor(m / 60)]}:${pad2[m % 60]}:`);

// `YYYY-MM-DD` of the last days formatted, direct-mapped by day number: 1024 slots are nearly three years, more than a
// federation's data spans, so a harvest computes each date once; the table never grows.
const dateSlots = 1024;
const slotDays = new Float64Array(dateSlots).fill(NaN);
const slotTexts: string[] = new Array<string>(dateSlots).fill('');

/** `YYYY-MM-DD` of days since 1970-01-01. */
function dateText(days: number): string {
  const slot = days & (dateSlots - 1);
  if (slotDays[slot] === days) return slotTexts[slot] as string;
  const [y, m, d] = civilFromDays(days);
  const text = `${y}-${pad2[m]}-${pad2[d]}`;
  slotDays[slot] = days;
  slotTexts[slot] = text;
  return text;
}

/** `YYYY-MM-DDThh:mm:ss` of epoch seconds shifted by offsetMinutes (it runs two or three times per record served). */
export function wallClock(epochSeconds: number, offsetMinutes: number): string {
  const local = epochSeconds + offsetMinutes * 60;
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  return dateText(days) + minuteTexts[Math.floor(secs / 60)] + pad2[secs % 60];
}

const offsetSuffixes = new Map<number, string>();

/** `+hh:mm` of an offset in minutes (a zone has a few). */
function offsetSuffix(minutes: number): string {
  let suffix = offsetSuffixes.get(minutes);
  if (suffix === undefined) {
    const abs = Math.abs(minutes);
    suffix = `${minutes < 0 ? '-' : '+'}${pad2[Math.floor(abs / 60)]}:${pad2[abs % 60]}`;
    offsetSuffixes.set(minutes, suffix);
  }
  return suffix;
}

export function makeFormatter(zone: string, style: TimeStyle): TimeFormatter {
  if (style === 'utc-millis') return (s) => `${wallClock(s, 0)}.000Z`;
  const offsetAt = zoneOffsets(zone);
  return (s) => {
    const offset = offsetAt(s);
    return wallClock(s, offset) + offsetSuffix(offset);
  };
}

/** Local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(epochSeconds: number, zone: string): string {
  return wallClock(epochSeconds, zoneOffsets(zone)(epochSeconds)).slice(0, 10);
}

/** Local calendar year of an instant in a zone. */
export function localYear(epochSeconds: number, offsetAt: (s: number) => number): number {
  return civilFromDays(Math.floor((epochSeconds + offsetAt(epochSeconds) * 60) / 86400))[0];
}
