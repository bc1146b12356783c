/** How a date-time value measures up to GeoReport v2's W3C-DTF rule (zone designator mandatory). */
export type DatetimeVerdict = 'ok' | 'no_zone' | 'not_w3c' | 'unparseable';

// W3C-DTF complete date plus hours and minutes, optional seconds and fraction, zone Z or ±hh:mm.
const W3C = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
// What servers send instead: a space for T, no seconds, an offset without colon, a date alone, or no zone at all.
const LENIENT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/;
// The form nearly every server sends, W3C with seconds (Z or ±hh:mm): its fields stand at fixed places, where
// inSecondsFormRange reads them without W3C's match array and captures.
const W3C_WITH_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

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

/** Two ASCII digits at `at` as a number (the caller has matched them as digits). */
function twoDigitsAt(value: string, at: number): number {
  return (value.charCodeAt(at) - 48) * 10 + value.charCodeAt(at + 1) - 48;
}

/** inRange for a W3C_WITH_SECONDS text: month, day, hour, minute and second from their places. */
function inSecondsFormRange(value: string): boolean {
  const month = twoDigitsAt(value, 5);
  const day = twoDigitsAt(value, 8);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && twoDigitsAt(value, 11) <= 24 && twoDigitsAt(value, 14) <= 59 && twoDigitsAt(value, 17) <= 60;
}

export function judgeDatetime(value: string): DatetimeVerdict {
  // Every W3C_WITH_SECONDS text matches W3C, with the same fields: in range, W3C would say 'ok' too.
  if (W3C_WITH_SECONDS.test(value) && inSecondsFormRange(value)) return 'ok';
  const strict = W3C.exec(value);
  if (strict && inRange(strict)) return 'ok';
  const lenient = LENIENT.exec(value.trim());
  if (!lenient || !inRange(lenient)) return 'unparseable';
  if (lenient[4] === undefined) return 'not_w3c';
  return lenient[7] === undefined ? 'no_zone' : 'not_w3c';
}
