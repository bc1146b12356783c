import { DateTime } from 'luxon';

/** How a server reads date parameters: W3C with a zone (lenient like most servers), or Chicago's zone-less local time. */
export type DateParamStyle = 'zoned' | 'local-naive';

export type ParsedDate = { ok: true; seconds: number } | { ok: false; message: string };

const w3c = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const naive = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

function localToSeconds(iso: string, zone: string): number | null {
  const dt = DateTime.fromISO(iso, { zone });
  return dt.isValid ? dt.toMillis() / 1000 : null;
}

function parseZoned(raw: string, zone: string): ParsedDate {
  // An unencoded "+" arrives as a space; accept it the way lenient servers do.
  const value = raw.trim().replace(/ (\d{2}:?\d{2})$/, '+$1');
  const m = w3c.exec(value);
  if (!m) return { ok: false, message: `cannot parse date "${raw}"` };
  const [, y, mo, d, hh = '00', mi = '00', ss = '00', frac = '', tz] = m;
  const base = `${y}-${mo}-${d}T${hh}:${mi}:${ss}`;
  if (!tz) {
    const seconds = localToSeconds(base, zone);
    return seconds === null ? { ok: false, message: `invalid date "${raw}"` } : { ok: true, seconds };
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mi), Number(ss)) / 1000;
  if (Number.isNaN(utc) || Number(mo) > 12 || Number(d) > 31) return { ok: false, message: `invalid date "${raw}"` };
  let offsetMinutes = 0;
  if (tz !== 'Z') {
    const digits = tz.replace(':', '');
    offsetMinutes = (tz.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return { ok: true, seconds: utc - offsetMinutes * 60 + (frac ? Number(frac) : 0) };
}

function parseNaive(raw: string, zone: string): ParsedDate {
  if (!naive.test(raw)) {
    return { ok: false, message: `invalid date "${raw}": expected YYYY-MM-DDTHH:MM:SS (local time, no zone, no fraction)` };
  }
  const seconds = localToSeconds(raw, zone);
  return seconds === null ? { ok: false, message: `invalid date "${raw}"` } : { ok: true, seconds };
}

export function parseDateParam(raw: string, style: DateParamStyle, zone: string): ParsedDate {
  return style === 'local-naive' ? parseNaive(raw, zone) : parseZoned(raw, zone);
}
