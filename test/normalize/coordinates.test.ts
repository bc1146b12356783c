import { expect, test } from 'vitest';
import { normalizeCoordinates } from '../../pipelines/normalize/coordinates.ts';

const TURKU: [number, number, number, number] = [21.9, 60.3, 22.6, 60.6];
const run = (lat: unknown, long: unknown, bbox?: [number, number, number, number]) => {
  const flags: string[] = [];
  return { ...normalizeCoordinates({ lat, long, bbox, flags }), flags };
};

test('numbers and numeric strings become numbers', () => {
  expect(run(41.68, -87.66)).toEqual({ lat: 41.68, lon: -87.66, flags: [] });
  expect(run(' 55.952055', '-3.189579')).toEqual({ lat: 55.952055, lon: -3.189579, flags: [] });
});

test('missing coordinates are null without a flag; half or junk ones are flagged invalid', () => {
  expect(run(null, undefined)).toEqual({ lat: null, lon: null, flags: [] });
  expect(run('null', '')).toEqual({ lat: null, lon: null, flags: [] });
  expect(run(41.68, null)).toEqual({ lat: null, lon: null, flags: ['coords_invalid'] });
  expect(run('0x10', '12')).toEqual({ lat: null, lon: null, flags: ['coords_invalid'] });
  expect(run(95, 12)).toEqual({ lat: null, lon: null, flags: ['coords_invalid'] });
});

test('0/0 means unknown', () => {
  expect(run(0, 0)).toEqual({ lat: null, lon: null, flags: ['coords_zero'] });
  expect(run('0.0', '0.0', TURKU)).toEqual({ lat: null, lon: null, flags: ['coords_zero'] });
});

test('a swapped pair is fixed when only the swap lands in the box (the Turku sample)', () => {
  expect(run('22.266944', '60.451667', TURKU)).toEqual({ lat: 60.451667, lon: 22.266944, flags: ['coords_swapped'] });
  expect(run('60.451667', '22.266944', TURKU)).toEqual({ lat: 60.451667, lon: 22.266944, flags: [] });
});

test('outside the box (either way) → null; no box → no box check', () => {
  expect(run(48.85, 2.35, TURKU)).toEqual({ lat: null, lon: null, flags: ['coords_out_of_bbox'] });
  expect(run(48.85, 2.35)).toEqual({ lat: 48.85, lon: 2.35, flags: [] });
});
