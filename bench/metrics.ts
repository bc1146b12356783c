// Metric query latency at dashboard groupings on generated stores of 1M and 10M requests (cold: first call on a
// fresh DuckDB instance; warm: repeated calls), p50/p95 per family, the 10M/1M growth ratio, the same-run baseline
// (a closed-only median straight from service_requests, what peers compute), and the refresh after an incremental
// harvest of 10,000 changed requests; CPU time per call too (DuckDB's threads included). Usage:
//   npm run bench:metrics -- [--sizes 1000000,10000000] [--seed 1] [--warm 5] [--memory 1GB]
// Generated stores are cached in bench/.data/ (git-ignored); building 10M takes a few minutes the first time.
import { copyFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openStore } from '../pipelines/load/store.ts';
import { computeMetric, refreshMetrics } from '../pipelines/metrics/index.ts';
import { dashboardWorkload } from './metrics-workload.ts';
import { generateStore, removeDuckDbFile } from './support/generate-store.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, seed: { type: 'string' }, warm: { type: 'string' }, memory: { type: 'string' } } });
const sizes = (values.sizes ?? '1000000,10000000').split(',').map(Number);
const seed = Number(values.seed ?? 1);
const warmRuns = Number(values.warm ?? 5);
const memoryLimit = values.memory ?? '1GB';
const changedRequests = 10_000;

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
};
const ms = (x: number) => Math.round(x);
async function time<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}
/** Wall and CPU milliseconds of a call (DuckDB's threads run in this process, so CPU counts all of them). */
async function timeCpu<T>(work: () => Promise<T>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const wall = await time(work);
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

interface SizeResult { families: Map<string, { cold: number[]; warm: number[]; cpu: number[] }>; baseline: number[]; refresh: { ms: number; changed: number } }

async function measure(requests: number): Promise<SizeResult> {
  const generated = await generateStore({ requests, seed });
  console.log(`store ${requests}: ${generated.built ? `built in ${generated.seconds} s` : 'cached'} (${generated.path})`);
  const store = await openStore({ path: generated.path, memoryLimit });
  const families = new Map<string, { cold: number[]; warm: number[]; cpu: number[] }>();
  const baseline: number[] = [];
  try {
    // Readers use their own connection, as the API does.
    const reader = await store.connect();
    const { connection } = reader;
    const workload = dashboardWorkload(generated.asOf);
    for (const { family, request } of workload) {
      const entry = families.get(family) ?? { cold: [], warm: [], cpu: [] };
      families.set(family, entry);
      entry.cold.push(await time(() => computeMetric(connection, request)));
    }
    for (let run = 0; run < warmRuns; run++) {
      for (const { family, request } of workload) {
        const { wall, cpu } = await timeCpu(() => computeMetric(connection, request));
        families.get(family)!.warm.push(wall);
        families.get(family)!.cpu.push(cpu);
      }
      baseline.push(await time(() => connection.run(`SELECT category, median(epoch(closed_at) - epoch(requested_at)) FROM service_requests
        WHERE closed_at IS NOT NULL AND requested_at >= $1::TIMESTAMPTZ - INTERVAL 365 DAYS GROUP BY category`, [generated.asOf.toISOString()])));
    }
    reader.close();
  } finally {
    await store.close();
  }
  return { families, baseline, refresh: await measureRefresh(generated.path, generated.asOf) };
}

/** On a copy of the store: 8,000 open requests close and 2,000 new ones arrive, as a harvest would write them. */
async function measureRefresh(path: string, asOf: Date): Promise<{ ms: number; changed: number }> {
  const copy = `${path}.refresh-bench`;
  removeDuckDbFile(copy);
  copyFileSync(path, copy);
  const store = await openStore({ path: copy, memoryLimit });
  try {
    const seen = new Date(asOf.getTime() + 86_400_000).toISOString();
    await store.transaction(async (connection) => {
      await connection.run(`UPDATE service_requests SET status = 'closed', detailed_status = 'fixed', closed_at = $1::TIMESTAMPTZ - INTERVAL 1 HOUR,
          closed_at_source = 'observed', last_seen_at = $1::TIMESTAMPTZ
        WHERE service_request_id IN (SELECT service_request_id FROM service_requests WHERE status = 'open' ORDER BY hash(service_request_id) LIMIT ${changedRequests * 0.8})`, [seen]);
      await connection.run(`INSERT INTO service_requests SELECT * REPLACE ('new-' || service_request_id AS service_request_id, 'open' AS status,
          NULL AS closed_at, NULL AS closed_at_source, $1::TIMESTAMPTZ - INTERVAL 2 HOUR AS requested_at, $1::TIMESTAMPTZ AS first_seen_at, $1::TIMESTAMPTZ AS last_seen_at)
        FROM service_requests ORDER BY hash(service_request_id) DESC LIMIT ${changedRequests * 0.2}`, [seen]);
    });
    // The harvest's own writes are checkpointed before the timing starts: that cost is the harvest's, not the refresh's.
    await store.query('CHECKPOINT');
    let changed = 0;
    const elapsed = await time(async () => (changed = (await refreshMetrics(store, { now: new Date(seen) })).changed));
    return { ms: elapsed, changed };
  } finally {
    await store.close();
    removeDuckDbFile(copy);
  }
}

const results = new Map<number, SizeResult>();
for (const size of sizes) results.set(size, await measure(size));

for (const [size, result] of results) {
  console.log(`\n${size.toLocaleString('en')} requests (warm runs: ${warmRuns}, memory_limit ${memoryLimit})`);
  console.table(
    [...result.families].map(([family, t]) => ({
      family, calls: t.cold.length, 'cold p50 ms': ms(percentile(t.cold, 0.5)), 'cold p95 ms': ms(percentile(t.cold, 0.95)),
      'warm p50 ms': ms(percentile(t.warm, 0.5)), 'warm p95 ms': ms(percentile(t.warm, 0.95)),
      // On a machine shared with other work, CPU time per call (both cores) is the steadier figure.
      'warm cpu p95 ms': ms(percentile(t.cpu, 0.95)),
    })),
  );
  const allWarm = [...result.families.values()].flatMap((t) => t.warm);
  console.log(`all families warm p95 ${ms(percentile(allWarm, 0.95))} ms; baseline (closed-only median over service_requests, warm p50) ${ms(percentile(result.baseline, 0.5))} ms`);
  console.log(`refresh after ${changedRequests.toLocaleString('en')} changed requests: ${ms(result.refresh.ms)} ms (${result.refresh.changed} metric rows rewritten)`);
}
if (sizes.length >= 2) {
  const [small, large] = [results.get(sizes[0]!)!, results.get(sizes.at(-1)!)!];
  const ratio = (a: number[], b: number[]) => Math.round((percentile(a, 0.95) / percentile(b, 0.95)) * 10) / 10;
  console.log(`\ngrowth ${sizes.at(-1)}/${sizes[0]} (warm p95 per family; CPU time is steadier when the machine is shared):`);
  console.table(
    [...large.families].map(([family, t]) => {
      const before = small.families.get(family)!;
      return { family, 'wall ratio': ratio(t.warm, before.warm), 'cpu ratio': ratio(t.cpu, before.cpu) };
    }),
  );
}
