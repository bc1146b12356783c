import { expect, test } from 'vitest';
import { dialectIds, getDialect } from '../../pipelines/dialects/index.ts';

// docs/dialects.md, one row per dialect: paging, default/max page size, window days, updated filter, id batch, rate, repeats past the end.
const table = {
  generic: ['none', 1000, 1000, 90, false, 50, 60, false],
  chicago: ['page', 50, 500, 90, true, 50, 60, false],
  connectedbits: ['page', 50, 100, 90, false, 50, 60, false],
  seeclickfix: ['page', 20, 20, 90, false, 20, 20, false],
  citysdk: ['page', 100, 500, 30, true, 50, 60, false],
  ureport: ['page', 1000, 1000, 90, true, 1, 60, true],
  fixmystreet: ['none', 1000, 1000, 30, false, 1, 60, false],
  markaspot: ['offset', 50, 100, 90, true, 50, 60, false],
} as const;

test('every listed dialect is registered under its own id', () => {
  for (const id of dialectIds) expect(getDialect(id).id).toBe(id);
  expect(() => getDialect('klarschiff')).toThrow('unknown dialect "klarschiff"');
});

test.each(Object.entries(table))('%s capabilities follow docs/dialects.md', (id, [paging, defaultSize, maxSize, windowDays, updatedAfter, idBatch, rate, repeats]) => {
  const caps = getDialect(id).capabilities;
  expect([caps.paging, caps.defaultPageSize, caps.maxPageSize, caps.windowDays, caps.updatedAfter, caps.idBatch, caps.rateLimitPerMinute, caps.pastEndRepeatsLastPage])
    .toEqual([paging, defaultSize, maxSize, windowDays, updatedAfter, idBatch, rate, repeats]);
  if (paging === 'none') expect(caps.cap).toBe(1000);
});
