import { validate } from 'node-cron';
import { describe, expect, test } from 'vitest';
import { cronProblem } from '../../pipelines/registry/cron.ts';

describe('cronProblem', () => {
  const accepted = ['*/15 * * * *', '0 0 * * *', '0 6 * * MON-FRI', '30 2 1 JAN,JUL *', '0 0 * * 7', '1,2,3 1-5/2 */2 * 0', '59 23 31 12 6'];

  test.each(accepted)('accepts %s, as node-cron does', (expression) => {
    expect(cronProblem(expression)).toBeNull();
    // The scheduler runs these with node-cron: nothing accepted here may be refused there
    expect(validate(expression)).toBe(true);
  });

  test.each([
    ['* * * *', /5 fields/],
    ['* * * * * *', /5 fields .*got 6/],
    ['60 * * * *', /minute: "60" is outside 0-59/],
    ['0 24 * * *', /hour: "24" is outside 0-23/],
    ['0 0 0 * *', /day of month: "0" is outside 1-31/],
    ['0 0 * 13 *', /month: "13" is outside 1-12 or JAN-DEC/],
    ['0 0 * * 8', /day of week: "8" is outside 0-7 or SUN-SAT/],
    ['0 0 * * FUNDAY', /day of week/],
    ['*/0 * * * *', /step in "\*\/0"/],
    ['1/2/3 * * * *', /more than one "\/"/],
    ['1-2-3 * * * *', /not a value or a range/],
    ['5-1 * * * *', /runs backwards/],
    ['1, * * * *', /empty item/],
  ])('refuses %s', (expression, reason) => {
    expect(cronProblem(expression)).toMatch(reason);
  });
});
