import { expect, test } from 'vitest';
import { perGeneration } from '../../server/http/per-generation.ts';
import type { AppServices } from '../../server/http/services.ts';

test('a per-generation value is read once per store write, shared by concurrent callers, and a failed read is tried again', async () => {
  const state = { generation: 0, reads: 0, fail: false };
  const app = { store: { generation: () => state.generation } } as unknown as AppServices;
  const read = perGeneration(async () => {
    state.reads += 1;
    if (state.fail) throw new Error('store busy');
    return `read ${state.reads} at generation ${state.generation}`;
  });
  await expect(Promise.all([read(app), read(app)])).resolves.toEqual(['read 1 at generation 0', 'read 1 at generation 0']);
  state.generation += 1;
  state.fail = true;
  await expect(read(app)).rejects.toThrow('store busy');
  state.fail = false;
  await expect(read(app)).resolves.toBe('read 3 at generation 1');
  await expect(read(app)).resolves.toBe('read 3 at generation 1');
  expect(state.reads).toBe(3);
});
