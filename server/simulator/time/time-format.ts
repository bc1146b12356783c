import { IANAZone } from 'luxon';

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

/** Civil date from days since 1970-01-01 (H. Hinnant's algorithm); avoids Date allocations in hot loops. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** `YYYY-MM-DDThh:mm:ss` of epoch seconds shifted by offsetMinutes. */
export function wallClock(epochSeconds: number, offsetMinutes: number): string {
  const local = epochSeconds + offsetMinutes * 60;
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  return `${y}-${pad2[m]}-${pad2[d]}T${pad2[hh]}:${pad2[mm]}:${pad2[secs % 60]}`;
}

function offsetSuffix(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad2[Math.floor(abs / 60)]}:${pad2[abs % 60]}`;
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
