import { afterEach, expect, test, vi } from 'vitest';
import { handleError } from '../../web/src/hooks.server.ts';

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** What the hook writes to stderr for one error. */
function logged(status: number, error: unknown): { lines: string[]; answer: unknown } {
  vi.useFakeTimers({ now: new Date('2026-03-01T12:00:00Z') });
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  const event = { request: new Request('http://127.0.0.1/endpoints/x'), url: new URL('http://127.0.0.1/endpoints/x') };
  const answer = handleError({ error, event, status, message: 'Internal Error' } as unknown as Parameters<typeof handleError>[0]);
  return { lines, answer };
}

test('a page that fails logs one JSON line shaped like the server’s pino logs, not coloured text', () => {
  const { lines, answer } = logged(500, new Error('the API was unreachable'));
  expect(lines).toHaveLength(1);
  expect(lines[0]!.endsWith('\n')).toBe(true);
  expect(JSON.parse(lines[0]!)).toMatchObject({
    level: 50, time: Date.parse('2026-03-01T12:00:00Z'), app: 'fed311', msg: 'dashboard page failed', status: 500, method: 'GET', path: '/endpoints/x',
    err: { type: 'Error', message: 'the API was unreachable', stack: expect.stringContaining('the API was unreachable') },
  });
  expect(lines[0]).not.toContain('\u001b'); // no ANSI colour codes
  expect(answer).toEqual({ message: 'Internal Error' });
});

test('a 404 is left to the request log; a thrown non-Error is still one line', () => {
  expect(logged(404, new Error('Not found: /nowhere')).lines).toEqual([]);
  vi.restoreAllMocks();
  expect(JSON.parse(logged(500, 'plain text').lines[0]!).err).toEqual({ message: 'plain text' });
});
