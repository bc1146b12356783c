/** How a date-time value measures up to GeoReport v2's W3C-DTF rule (zone designator mandatory). */
export type DatetimeVerdict = 'ok' | 'no_zone' | 'not_w3c' | 'unparseable';

// W3C-DTF complete date plus hours and minutes, optional seconds and fraction, zone Z or ±hh:mm.
const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
// What servers send instead: a space for T, no seconds, an offset without colon, a date alone, or no zone at all.
const LENIENT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/;

/** The fields in their ranges (groups 2–6 of W3C and LENIENT: month, day, and the optional hour, minute, second). */
function inRange(m: RegExpExecArray): boolean {
  // Read one by one, not through a mapped array: this runs for every date-time of every harvested record.
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60;
}

export function judgeDatetime(value: string): DatetimeVerdict {
  const strict = W3C.exec(value);
  if (strict && inRange(strict)) return 'ok';
  const lenient = LENIENT.exec(value.trim());
  if (!lenient || !inRange(lenient)) return 'unparseable';
  if (lenient[4] === undefined) return 'not_w3c';
  return lenient[7] === undefined ? 'no_zone' : 'not_w3c';
}
