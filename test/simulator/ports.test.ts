import { createServer, type Server } from 'node:net';
import { expect, test } from 'vitest';
import { startSimulator } from '../../server/simulator/index.ts';

const listenOn = (port: number) =>
  new Promise<Server>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

test('a port already taken fails the start naming it, and the ports opened before it are free again', async () => {
  // A base port with the next ones free: ask the system for one, then take its second endpoint's port.
  const probe = await listenOn(0);
  const base = (probe.address() as { port: number }).port;
  await close(probe);
  const taken = await listenOn(base + 2);
  try {
    const start = startSimulator({ port: base, seed: 1, requests: 100, faults: 'none', now: new Date('2026-03-01T00:00:00Z') });
    await expect(start).rejects.toThrow(new RegExp(`^cannot listen on 127\\.0\\.0\\.1:${base + 2}, sim-\\w+'s own port \\(--port \\+ 2\\): EADDRINUSE$`));
    // Nothing is left listening: the main port and the first endpoint's can be had again.
    for (const port of [base, base + 1, base + 3]) await close(await listenOn(port));
  } finally {
    await close(taken);
  }
});
