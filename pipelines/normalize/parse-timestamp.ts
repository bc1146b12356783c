import { DateTime } from 'luxon';

// ISO 8601 and its common variants: optional seconds and fraction, `T` or space, `Z`, `±hh:mm`, `±hhmm`, `±hh`, or no zone.
const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MAX_MS = 8.64e15;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (DAYS_IN_MONTH[month - 1] as number);
}

/** The one output form for every canonical timestamp: `YYYY-MM-DDThh:mm:ss.sssZ`. */
export function isoFromMillis(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_MS ? new Date(ms).toISOString() : null;
}

function offsetMinutes(zone: string): number | null {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return hours > 18 || minutes > 59 ? null : sign * (hours * 60 + minutes);
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
  const m = ISO_LIKE.exec(text);
  if (m === null) return parseOdd(text, zone);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millisecond = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (!validDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  if (m[8] !== undefined) {
    const offset = offsetMinutes(m[8]);
    if (offset === null) return null;
    const wall = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
    // Date.UTC maps years 0–99 to 1900–1999; rebuild those through setUTCFullYear.
    const fixed = year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
    return isoFromMillis(fixed - offset * 60_000);
  }
  const local = DateTime.fromObject({ year, month, day, hour, minute, second, millisecond }, { zone });
  return local.isValid ? isoFromMillis(local.toMillis()) : null;
}
