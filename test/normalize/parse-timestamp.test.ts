import { expect, test } from 'vitest';
import { isoFromMillis, parseTimestamp } from '../../pipelines/normalize/parse-timestamp.ts';

const at = (value: unknown, zone = 'America/Chicago') => parseTimestamp({ value, zone });

test.each([
  ['offset with colon', '2012-12-01T13:53:02-06:00', '2012-12-01T19:53:02.000Z'],
  ['offset without colon', '2018-12-07T16:26:46+0000', '2018-12-07T16:26:46.000Z'],
  ['hour-only offset', '2018-12-07T16:26:46+02', '2018-12-07T14:26:46.000Z'],
  ['Z', '2026-09-16T15:24:51Z', '2026-09-16T15:24:51.000Z'],
  ['Z with milliseconds', '2015-03-20T05:10:41.818Z', '2015-03-20T05:10:41.818Z'],
  ['microseconds are cut to milliseconds', '2015-03-20T05:10:41.818999Z', '2015-03-20T05:10:41.818Z'],
  ['space instead of T, with zone', '2012-12-01 13:53:02 -06:00', '2012-12-01T19:53:02.000Z'],
  ['PHP c format', '2012-05-23T15:55:28-04:00', '2012-05-23T19:55:28.000Z'],
  ['a leap day', '2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
])('zoned: %s', (_name, value, expected) => {
  expect(at(value)).toBe(expected);
});

test.each([
  ['naive, space, two fraction digits (SF)', '2012-05-22 23:57:23.97', 'America/Los_Angeles', '2012-05-23T06:57:23.970Z'],
  ['naive, space, one fraction digit', '2012-05-31 08:30:00.0', 'America/Los_Angeles', '2012-05-31T15:30:00.000Z'],
  ['naive in winter (PST)', '2010-11-17 01:00:56.743', 'America/Los_Angeles', '2010-11-17T09:00:56.743Z'],
  ['naive without seconds', '2010-11-12 07:07', 'America/Los_Angeles', '2010-11-12T15:07:00.000Z'],
  ['naive with T, Berlin summer', '2024-07-01T12:00:00', 'Europe/Berlin', '2024-07-01T10:00:00.000Z'],
  ['date only', '2024-01-15', 'Europe/London', '2024-01-15T00:00:00.000Z'],
  ['naive in a DST gap moves forward', '2024-03-10 02:30:00', 'America/Chicago', '2024-03-10T08:30:00.000Z'],
  ['RFC 2822 (odd path)', 'Wed, 23 May 2012 15:55:28 -0400', 'America/Chicago', '2012-05-23T19:55:28.000Z'],
])('zone-less wall time is read in the endpoint zone: %s', (_name, value, zone, expected) => {
  expect(at(value, zone)).toBe(expected);
});

test.each([
  ['garbage', 'true'],
  ['converter leftovers', ':27.7'],
  ['impossible date', '2023-02-29T10:00:00Z'],
  ['impossible hour', '2023-02-01T25:00:00Z'],
  ['absurd offset', '2023-02-01T10:00:00+25:00'],
  ['a number', 1_700_000_000],
  ['an object', { datetime: '2023-02-01T10:00:00Z' }],
])('unparseable → null: %s', (_name, value) => {
  expect(at(value)).toBeNull();
});

// The exact `…T hh:mm:ss[.sss]` + `Z`/`±hh:mm` forms are read by position (a fast path); their neighbours are not.
test.each([
  ['fast: padded text is trimmed first', '  2015-03-20T05:10:41.818+05:30 \n', 'America/Chicago', '2015-03-19T23:40:41.818Z'],
  ['fast: the largest offset', '2015-03-20T05:10:41-18:59', 'America/Chicago', '2015-03-21T00:09:41.000Z'],
  ['fast: an offset past 18 hours', '2015-03-20T05:10:41+19:00', 'America/Chicago', null],
  ['fast: offset minutes past 59', '2015-03-20T05:10:41+05:60', 'America/Chicago', null],
  ['fast: hour 24', '2015-03-20T24:00:00Z', 'America/Chicago', null],
  ['fast: minute 60', '2015-03-20T23:60:00Z', 'America/Chicago', null],
  ['fast: a leap second', '2015-03-20T23:59:60Z', 'America/Chicago', null],
  ['fast: month 13', '2015-13-20T05:10:41Z', 'America/Chicago', null],
  ['fast: month 0', '2015-00-20T05:10:41Z', 'America/Chicago', null],
  ['fast: April 31', '2015-04-31T05:10:41Z', 'America/Chicago', null],
  ['fast: a leap day of a 400-year', '2000-02-29T00:00:00+01:00', 'America/Chicago', '2000-02-28T23:00:00.000Z'],
  ['fast: no leap day in 1900', '1900-02-29T00:00:00Z', 'America/Chicago', null],
  ['fast: a two-digit year is not 1900+', '0050-06-01T00:30:00+01:00', 'America/Chicago', '0050-05-31T23:30:00.000Z'],
  ['fast: before 1970', '1969-12-31T23:59:59.999Z', 'America/Chicago', '1969-12-31T23:59:59.999Z'],
  ['fast: across 1970', '1970-01-01T00:30:00+01:00', 'America/Chicago', '1969-12-31T23:30:00.000Z'],
  ['fast: past 9999', '9999-12-31T23:59:59.999-01:00', 'America/Chicago', '+010000-01-01T00:59:59.999Z'],
  ['fast: an offset in a DST gap is taken as written', '2024-03-31T02:30:00+02:00', 'Europe/Berlin', '2024-03-31T00:30:00.000Z'],
  ['not fast: two fraction digits', '2015-03-20T05:10:41.81Z', 'America/Chicago', '2015-03-20T05:10:41.810Z'],
  ['not fast: a comma before the fraction', '2015-03-20T05:10:41,818Z', 'America/Chicago', '2015-03-20T05:10:41.818Z'],
  ['not fast: lower-case t', '2015-03-20t05:10:41Z', 'America/Chicago', '2015-03-20T05:10:41.000Z'],
  ['not fast: lower-case z', '2015-03-20T05:10:41z', 'America/Chicago', '2015-03-20T05:10:41.000Z'],
  ['not fast: zone-less, in a DST gap (Chicago)', '2024-03-10T02:30:00', 'America/Chicago', '2024-03-10T08:30:00.000Z'],
  ['not fast: zone-less, in a DST overlap (Chicago)', '2024-11-03T01:30:00', 'America/Chicago', '2024-11-03T07:30:00.000Z'],
  ['not fast: zone-less with milliseconds, in the overlap', '2024-11-03T01:30:00.250', 'America/Chicago', '2024-11-03T07:30:00.250Z'],
  ['not fast: zone-less, in a DST gap (Berlin)', '2024-03-31T02:30:00', 'Europe/Berlin', '2024-03-31T01:30:00.000Z'],
  ['not fast: zone-less, in a DST overlap (Berlin)', '2024-10-27T02:30:00', 'Europe/Berlin', '2024-10-27T01:30:00.000Z'],
])('%s', (_name, value, zone, expected) => {
  expect(at(value, zone)).toBe(expected);
});

test('isoFromMillis builds toISOString\'s text for 1970–9999 and leaves other instants to it', () => {
  const day = 86_400_000;
  const samples = [0, -0, 1, 999, day - 1, day, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 2, 1), Date.UTC(9999, 11, 31, 23, 59, 59, 999)];
  // Every day start from 1970 to 2200, and one time of day per day.
  for (let ms = 0; ms < Date.UTC(2200, 0, 1); ms += day) samples.push(ms, ms + ((ms / day) * 7_919_993) % day);
  expect(samples.filter((ms) => isoFromMillis(ms) !== new Date(ms).toISOString())).toEqual([]);
  for (const ms of [-1, 0.5, Date.UTC(10000, 0, 1), -62167219200001, 8.64e15]) expect(isoFromMillis(ms)).toBe(new Date(ms).toISOString());
  expect([isoFromMillis(8.64e15 + 1), isoFromMillis(Number.NaN), isoFromMillis(Infinity)]).toEqual([null, null, null]);
});

test('the machine zone never matters', () => {
  expect(process.env.TZ).toBe('America/Los_Angeles');
  expect(at('2012-12-01 13:53:02', 'America/Chicago')).toBe('2012-12-01T19:53:02.000Z');
});
