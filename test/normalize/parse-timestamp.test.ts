import { expect, test } from 'vitest';
import { parseTimestamp } from '../../pipelines/normalize/parse-timestamp.ts';

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

test('the machine zone never matters', () => {
  expect(process.env.TZ).toBe('America/Los_Angeles');
  expect(at('2012-12-01 13:53:02', 'America/Chicago')).toBe('2012-12-01T19:53:02.000Z');
});
