import { existsSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { openStore } from '../../pipelines/load/store.ts';
import { streamRows } from '../../server/http/api/export/row-stream.ts';
import { createReadPool } from '../../server/http/read-pool.ts';
import { tempStore } from '../support/temp-store.ts';

// A query that runs for minutes unless it is interrupted.
const endless = 'SELECT sum(i) FROM range(100000000000) t(i)';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function storeWithRows() {
  const temp = await tempStore();
  cleanups.push(temp.cleanup);
  await temp.store.transaction((c) => c.run(`CREATE TABLE probe AS SELECT 'kept' AS v`));
  return temp;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('closing the store interrupts a running read, waits for it, and keeps every write', async () => {
  const { store, path } = await storeWithRows();
  const reader = await store.connect();
  const running = reader.use((c) => c.run(endless)).then(() => 'finished', (error: Error) => error.message);
  await settle(100);
  const started = Date.now();
  await store.close();
  expect(await running).toMatch(/interrupt/i);
  expect(Date.now() - started).toBeLessThan(5000);
  await expect(store.connect()).rejects.toThrow(/closing/);
  expect(existsSync(path)).toBe(true);
  const again = await openStore({ path });
  expect(await again.query(`SELECT v FROM probe`)).toEqual([{ v: 'kept' }]);
  await again.close();
});

test('an export stream between chunks is interrupted and fails, not ends as if it were complete', async () => {
  const { store } = await storeWithRows();
  let rows = 0;
  const consumer = (async () => {
    try {
      for await (const chunk of streamRows({ store, plan: async () => [{ sql: 'SELECT i FROM range(10000000) t(i)', params: [] }] })) {
        rows += chunk.length;
        await settle(20);
      }
      return 'ended';
    } catch (error) {
      return (error as Error).message;
    }
  })();
  await settle(100);
  await store.close();
  expect(await consumer).toBe('export interrupted: the server is shutting down');
  expect(rows).toBeGreaterThan(0);
  expect(rows).toBeLessThan(10_000_000);
});

test('node-api ends an interrupted stream without an error: the reader says it was interrupted', async () => {
  const { store } = await storeWithRows();
  const reader = await store.connect();
  const release = reader.hold();
  let rows = 0;
  const consumer = (async () => {
    const result = await reader.connection.stream('SELECT i FROM range(10000000) t(i)');
    for await (const chunk of result.yieldRowObjectJson()) {
      rows += chunk.length;
      await settle(20);
    }
    release();
    reader.close();
  })();
  await settle(100);
  expect(reader.interrupted()).toBe(false);
  await store.close();
  await consumer;
  expect(rows).toBeLessThan(10_000_000);
  expect(reader.interrupted()).toBe(true);
});

test('a reader never released: close gives up after the wait, says so, and has every write in the database file', async () => {
  const { store, path } = await storeWithRows();
  const reader = await store.connect();
  const release = reader.hold();
  await expect(store.close({ readersWaitMs: 200 })).rejects.toThrow(/1 read connection\(s\) still busy 200 ms after an interrupt; the DuckDB instance was left open \(every write is committed and checkpointed\)/);
  release();
  reader.close();
  // The writer closed with a checkpoint: the rows are in the database file itself, with no WAL left to replay.
  expect(existsSync(`${path}.wal`)).toBe(false);
});

test('the read pool closes its idle connections at once and a busy one when its work ends', async () => {
  const { store } = await storeWithRows();
  const pool = createReadPool({ store, size: 2 });
  expect(await pool.use((c) => c.run('SELECT 1').then(() => 'idle now'))).toBe('idle now');
  const busy = pool.use(async (c) => {
    await settle(100);
    return (await c.runAndReadAll('SELECT 42 AS n')).getRowObjects()[0]!.n;
  });
  await settle(20);
  pool.close();
  expect(await busy).toBe(42);
  // Both connections are closed: the store closes without waiting for anyone.
  await store.close({ readersWaitMs: 0 });
});
