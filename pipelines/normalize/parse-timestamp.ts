import { DateTime } from 'luxon';
import { civilFromDays } from './civil-days.ts';

// ISO 8601 and its common variants: optional seconds and fraction, `T` or space, `Z`, `±hh:mm`, `±hhmm`, `±hh`, or no zone.
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
// The forms nearly every server sends: ISO_LIKE with `T`, seconds, no fraction or exactly milliseconds, and `Z` or
// `±hh:mm`. Each field stands at a fixed place, so it is read there (see exactWallTime) instead of from ISO_LIKE's
// captures, which cost a match array and eight strings per timestamp.
const EXACT_ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_MS = 8.64e15;
const DAY_MS = 86_400_000;
const YEAR_10000_MS = Date.UTC(10000, 0, 1);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));
// `hh:mm` of each minute of a day.
const HOURS_MINUTES = Array.from({ length: 1440 }, (_, n) => `${TWO_DIGITS[Math.floor(n / 60)]}:${TWO_DIGITS[n % 60]}`);

/** A local date and time as written (before any zone is applied); the keys are luxon's. */
interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (DAYS_IN_MONTH[month - 1] as number);
}

function validWallTime({ year, month, day, hour, minute, second }: WallTime): boolean {
  return validDate(year, month, day) && hour <= 23 && minute <= 59 && second <= 59;
}

/** The one output form for every canonical timestamp: `YYYY-MM-DDThh:mm:ss.sssZ`. */
export function isoFromMillis(ms: number): string | null {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_MS) return null;
  // 1970 to 9999 (whole milliseconds) have toISOString's fixed-width form, built directly: half the cost of a
  // Date and its toISOString. Earlier and later instants (signed six-digit years) keep toISOString.
  return Number.isInteger(ms) && ms >= 0 && ms < YEAR_10000_MS ? isoText(ms) : new Date(ms).toISOString();
}

/** toISOString's text of a whole, non-negative ms before the year 10000. */
function isoText(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const inDay = ms - days * DAY_MS;
  const minuteOfDay = Math.floor(inDay / 60_000);
  const second = Math.floor(inDay / 1000) % 60;
  return `${dateTText(days)}${HOURS_MINUTES[minuteOfDay]}:${TWO_DIGITS[second]}.${THREE_DIGITS[inDay % 1000]}Z`;
}

// `YYYY-MM-DDT` of recent day numbers: the timestamps of a harvest fall on a few hundred days, and each text is
// otherwise built from five pieces (each piece a string allocated on the way). Cleared when full.
const DATE_CACHE_SIZE = 4096;
const datesT = new Map<number, string>();

/** `YYYY-MM-DDT` of a day number (days since 1970-01-01, not negative). */
function dateTText(days: number): string {
  let text = datesT.get(days);
  if (text === undefined) {
    const [year, month, day] = civilFromDays(days);
    text = `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T`;
    if (datesT.size >= DATE_CACHE_SIZE) datesT.clear();
    datesT.set(days, text);
  }
  return text;
}

/** ±hh and mm → minutes east of UTC, or null past what any zone uses. */
function offsetFrom(sign: number, hours: number, minutes: number): number | null {
  return hours > 18 || minutes > 59 ? null : sign * (hours * 60 + minutes);
}

function offsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const digits = zone.slice(1).replace(':', '');
  return offsetFrom(zone[0] === '-' ? -1 : 1, Number(digits.slice(0, 2)), digits.length > 2 ? Number(digits.slice(2, 4)) : 0);
}

/** The number written by `count` ASCII digits at `start` (the caller has matched them as digits). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** The fields of an EXACT_ZONED text, the same numbers ISO_LIKE's captures give: `YYYY-MM-DDThh:mm:ss[.sss]`. */
function exactWallTime(text: string): WallTime {
  return {
    year: digitsAt(text, 0, 4),
    month: digitsAt(text, 5, 2),
    day: digitsAt(text, 8, 2),
    hour: digitsAt(text, 11, 2),
    minute: digitsAt(text, 14, 2),
    second: digitsAt(text, 17, 2),
    millisecond: text[19] === '.' ? digitsAt(text, 20, 3) : 0,
  };
}

/** The zone of an EXACT_ZONED text, `Z` or `±hh:mm` at its end, as offsetMinutes reads it. */
function exactOffset(text: string): number | null {
  if (text.endsWith('Z')) return 0;
  const zone = text.length - 6;
  return offsetFrom(text[zone] === '-' ? -1 : 1, digitsAt(text, zone + 1, 2), digitsAt(text, zone + 4, 2));
}

/** A wall time at a fixed UTC offset → ISO UTC, or null when the time or the offset is impossible. */
function zonedIso(wall: WallTime, offset: number | null): string | null {
  if (!validWallTime(wall) || offset === null) return null;
  const { year, month, day, hour, minute, second, millisecond } = wall;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  // Date.UTC maps years 0–99 to 1900–1999; rebuild those through setUTCFullYear.
  const fixed = year < 100 ? new Date(utc).setUTCFullYear(year) : utc;
  return isoFromMillis(fixed - offset * 60_000);
}

// Rarer forms (basic ISO, RFC 2822, HTTP dates), all read in the endpoint's zone when they carry none.
const ODD_FORMS: ((text: string, options: { zone: string }) => DateTime)[] = [
  (text, options) => DateTime.fromISO(text, options),
  (text, options) => DateTime.fromRFC2822(text, options),
  (text, options) => DateTime.fromHTTP(text, options),
  (text, options) => DateTime.fromSQL(text, options),
];

function parseOdd(text: string, zone: string): string | null {
  for (const parse of ODD_FORMS) {
    const parsed = parse(text, { zone });
    if (parsed.isValid) return isoFromMillis(parsed.toMillis());
  }
  return null;
}

/**
 * Any timestamp a server sends → ISO 8601 UTC, or null when unparseable. Zoned ISO is computed directly (the
 * common, fast path); a zone-less time is wall time in `zone`, the endpoint's IANA zone (CONTRACT §1).
 */
export function parseTimestamp({ value, zone }: { value: unknown; zone: string }): string | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (EXACT_ZONED.test(text)) return zonedIso(exactWallTime(text), exactOffset(text));
  const m = ISO_LIKE.exec(text);
  if (m === null) return parseOdd(text, zone);
  const wall: WallTime = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] === undefined ? 0 : Number(m[4]),
    minute: m[5] === undefined ? 0 : Number(m[5]),
    second: m[6] === undefined ? 0 : Number(m[6]),
    millisecond: m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0')),
  };
  if (m[8] !== undefined) return zonedIso(wall, offsetMinutes(m[8]));
  if (!validWallTime(wall)) return null;
  const local = DateTime.fromObject(wall, { zone });
  return local.isValid ? isoFromMillis(local.toMillis()) : null;
}
