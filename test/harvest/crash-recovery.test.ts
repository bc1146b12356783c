import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openStore } from '../../pipelines/load/store.ts';
import { startSimulator } from '../../server/simulator/index.ts';

const bin = new URL('../../server/bin/fed311', import.meta.url).pathname;
let sim: Awaited<ReturnType<typeof startSimulator>>;
let dir: string;
let registry: string;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 11, requests: 60_000, faults: 'none', now: new Date('2026-03-01T00:00:00Z') });
  dir = mkdtempSync(join(tmpdir(), 'fed311-crash-'));
  registry = join(dir, 'registry.yaml');
  writeFileSync(registry, sim.registryYaml());
});
afterAll(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `fed311 harvest`. With `kill`, SIGKILLs it `kill.afterMs` after its `kill.afterBatches`-th committed batch
 * (the harvester logs each at debug level), so kills land at chosen points of progress on any machine.
 */
function runHarvest(db: string, kill?: { afterBatches: number; afterMs: number }): Promise<{ code: number | null; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(bin, ['harvest', '--registry', registry, '--db', db, '--json'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, FED311_LOG_LEVEL: kill ? 'debug' : 'silent' },
    });
    let killed = false;
    let batches = 0;
    let timer: NodeJS.Timeout | undefined;
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (!kill || !line.includes('"msg":"batch stored"') || ++batches !== kill.afterBatches) return;
      timer = setTimeout(() => (killed = child.kill('SIGKILL')), kill.afterMs);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, killed });
    });
  });
}

async function storedRows(db: string): Promise<number> {
  const store = await openStore({ path: db });
  try {
    const [row] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM service_requests`);
    return row?.n ?? 0;
  } finally {
    await store.close();
  }
}

/** Everything a harvest decides, without the wall-clock parts (seen times, run ids, harvest times). */
async function snapshot(db: string) {
  const store = await openStore({ path: db });
  try {
    const requests = await store.query(
      `SELECT endpoint_id, service_request_id, status, detailed_status, requested_at, updated_at, closed_at, closed_at_source, content_hash
       FROM service_requests ORDER BY ALL`,
    );
    const events = await store.query(
      `SELECT endpoint_id, service_request_id, status, detailed_status, updated_at, source, note_type, count(*) AS n
       FROM request_events GROUP BY ALL ORDER BY ALL`,
    );
    const rejected = await store.query(`SELECT endpoint_id, record_hash, reason FROM rejected_records ORDER BY ALL`);
    const state = await store.query(`SELECT endpoint_id, backfill_complete, max_requested_at FROM harvest_state ORDER BY ALL`);
    return { requests, events, rejected, state };
  } finally {
    await store.close();
  }
}

test('a harvest killed with SIGKILL at random moments and restarted ends in the same state as an uninterrupted one', async () => {
  const reference = join(dir, 'reference.duckdb');
  expect((await runHarvest(reference)).code).toBe(0);
  const expected = await snapshot(reference);
  expect(expected.requests.length).toBeGreaterThan(10_000);

  const crashed = join(dir, 'crashed.duckdb');
  let seed = 20260301;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  // Kill points: how many rows each killed run had committed when it died.
  const killedAt: number[] = [];
  for (let i = 0; i < 12 && killedAt.length < 6; i++) {
    const outcome = await runHarvest(crashed, { afterBatches: 1 + Math.floor(random() * 3), afterMs: Math.floor(random() * 300) });
    if (outcome.killed) killedAt.push(await storedRows(crashed));
  }
  console.log(`rows committed when each kill landed: ${killedAt.join(', ')} (of ${expected.requests.length})`);
  expect(killedAt.length).toBeGreaterThanOrEqual(5);
  // The kills cut the backfill short at several points of progress.
  expect(killedAt.filter((n) => n > 0 && n < expected.requests.length).length).toBeGreaterThanOrEqual(5);
  expect((await runHarvest(crashed)).code).toBe(0);
  const actual = await snapshot(crashed);
  expect(actual.requests.length).toBe(expected.requests.length);
  expect(actual).toEqual(expected);
}, 300_000);
