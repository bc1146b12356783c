import { expect, test } from 'vitest';
import { refuseUnknownEndpoints } from '../../server/http/known-endpoints.ts';
import type { AppServices } from '../../server/http/services.ts';

/** Services whose store holds `ids`: the read pool answers the endpoints query itself and counts the reads. */
function servicesWith(ids: string[]) {
  const state = { generation: 0, reads: 0 };
  const app = {
    store: { generation: () => state.generation },
    pool: {
      use: async () => {
        state.reads += 1;
        return ids.map((endpoint_id) => ({ endpoint_id }));
      },
    },
  } as unknown as AppServices;
  return { app, state };
}

test('an unknown endpoint id is refused naming the known ones, at most 20 of them, and the list is read once per store write', async () => {
  const ids = Array.from({ length: 25 }, (_, i) => `city-${String(i).padStart(2, '0')}`);
  const { app, state } = servicesWith(ids);
  await expect(refuseUnknownEndpoints(app, { endpoint: ['city-03', 'city-24'] })).resolves.toBeUndefined();
  await expect(refuseUnknownEndpoints(app, { endpoint: ['city-03', 'atlantis'] })).rejects.toMatchObject({
    status: 400,
    parameter: 'endpoint',
    message: `endpoint: no endpoint "atlantis" (known: ${ids.slice(0, 20).join(', ')}, … 5 more; see /api/v1/endpoints)`,
  });
  await refuseUnknownEndpoints(app, {});
  expect(state.reads).toBe(1);
  state.generation += 1;
  await refuseUnknownEndpoints(app, { endpoint: 'city-00' });
  expect(state.reads).toBe(2);
});
