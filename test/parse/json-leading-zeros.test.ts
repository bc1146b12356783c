import { expect, test } from 'vitest';
import { quoteLeadingZeroNumbers } from '../../pipelines/parse/json-leading-zeros.ts';

test('quotes numbers with leading zeros, keeping their digits', () => {
  expect(quoteLeadingZeroNumbers({ text: '{"service_code":006,"n":-007,"f":00.5}' })).toBe('{"service_code":"006","n":"-007","f":"00.5"}');
});

test('leaves valid numbers alone and returns null when nothing changes', () => {
  expect(quoteLeadingZeroNumbers({ text: '[0, 0.5, -0.25, 10, 1e5, 0e1]' })).toBeNull();
});

test('never touches string contents, escaped quotes included', () => {
  const text = '{"a":"006","b":"say \\"007\\" 008","c":009}';
  expect(quoteLeadingZeroNumbers({ text })).toBe('{"a":"006","b":"say \\"007\\" 008","c":"009"}');
});

test('an unterminated string ends the scan without error', () => {
  expect(quoteLeadingZeroNumbers({ text: '[01, "abc' })).toBe('["01", "abc');
});
