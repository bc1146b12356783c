import { expect, test } from 'vitest';
import { BodyBuffers } from '../../server/simulator/http/body-buffers.ts';

const big = (unit: string) => unit.repeat(Math.ceil(100_000 / unit.length));

test.each([
  ['small', '{"a":"Köln"}'],
  ['ASCII', big('{"status":"open"},')],
  ['some multi-byte text', big('Hämeentie – Köln „Straße“ ' + 'x'.repeat(60))],
  ['mostly multi-byte text (past the slack)', big('„–“€')],
  ['a lone surrogate', big('ab\ud800cd')],
])('%s: the bytes are Buffer.from\'s', (_, body) => {
  const pool = new BodyBuffers();
  const { bytes } = pool.encode(body);
  expect(bytes.equals(Buffer.from(body, 'utf8'))).toBe(true);
});

test('a released buffer is used again; one not released is not', () => {
  const pool = new BodyBuffers();
  const first = pool.encode(big('a'));
  const held = pool.encode(big('b'));
  expect(held.bytes.buffer).not.toBe(first.bytes.buffer);
  first.release();
  const next = pool.encode(big('c'));
  expect(next.bytes.buffer).toBe(first.bytes.buffer);
  expect(next.bytes.toString()).toBe(big('c'));
  expect(held.bytes.toString()).toBe(big('b'));
});
