import { expect, test } from 'vitest';
test('runs under a fixed non-UTC zone', () => {
  expect(process.env.TZ).toBe('America/Los_Angeles');
  expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).toBe(480);
});
