import { describe, expect, test } from 'vitest';
import { badValue, oneOf, periods } from '../../web/src/lib/state/url-checks.ts';
import { readState, writeState } from '../../web/src/lib/state/url-state.ts';

const schema = {
  endpoint: { kind: 'list', fallback: [] as string[] },
  status: { kind: 'text', fallback: '' as string },
  color: { kind: 'text', fallback: 'days_open' as string },
  zoom: { kind: 'number', fallback: 2 as number },
} as const;

describe('view state in the URL', () => {
  test('reads lists, text and numbers, with fallbacks for what is missing or unreadable', () => {
    expect(readState(schema, new URLSearchParams('endpoint=a,b&status=open&zoom=7.5'))).toEqual({ endpoint: ['a', 'b'], status: 'open', color: 'days_open', zoom: 7.5 });
    expect(readState(schema, new URLSearchParams('zoom=far&endpoint='))).toEqual({ endpoint: [], status: '', color: 'days_open', zoom: 2 });
  });

  test('writes only what differs from the fallbacks, and reads back the same state', () => {
    const state = { endpoint: ['sim-chicago', 'sim-citysdk'], status: '', color: 'ttc', zoom: 2 };
    const query = writeState(schema, state);
    expect(query).toBe('?endpoint=sim-chicago%2Csim-citysdk&color=ttc');
    expect(readState(schema, new URLSearchParams(query))).toEqual(state);
    expect(writeState(schema, { endpoint: [], status: '', color: 'days_open', zoom: 2 })).toBe('');
  });
});

describe('URL values a page cannot show', () => {
  test('are reported in the words of the API’s 400s, naming the parameter and the value', () => {
    expect(badValue('period', 'fortnight', periods, oneOf(periods))).toBe('period: "fortnight": must be day, week, month, quarter or year');
    expect(badValue('period', 'quarter', periods, oneOf(periods))).toBeNull();
    expect(badValue('category', 'nope', ['pothole'], 'is not a category slug (see /api/v1/categories)')).toBe('category: "nope": is not a category slug (see /api/v1/categories)');
  });
});
