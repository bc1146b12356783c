/** How a date-time value measures up to GeoReport v2's W3C-DTF rule (zone designator mandatory). */
export type DatetimeVerdict = 'ok' | 'no_zone' | 'not_w3c' | 'unparseable';

// W3C-DTF complete date plus hours and minutes, optional seconds and fraction, zone Z or ±hh:mm.
const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
// What servers send instead: a space for T, no seconds, an offset without colon, a date alone, or no zone at all.
const LENIENT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/;

function inRange(m: RegExpExecArray): boolean {
  const [month, day, hour = 0, minute = 0, second = 0] = [m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? undefined : Number(v)));
  return month !== undefined && month >= 1 && month <= 12 && day !== undefined && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60;
}

export function judgeDatetime(value: string): DatetimeVerdict {
  const strict = W3C.exec(value);
  if (strict && inRange(strict)) return 'ok';
  const lenient = LENIENT.exec(value.trim());
  if (!lenient || !inRange(lenient)) return 'unparseable';
  if (lenient[4] === undefined) return 'not_w3c';
  return lenient[7] === undefined ? 'no_zone' : 'not_w3c';
}
