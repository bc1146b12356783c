// Records/s of a full harvest (simulator → DuckDB, faults off), against a baseline that only parses the same
// response bytes and appends them to DuckDB, measured in one run. Usage:
//   npm run bench:harvest -- [--requests 200000] [--seed 1] [--no-baseline]
// It runs with the same JS heap cap as the fed311 command, so its memory figures are the command's.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { VARCHAR } from '@duckdb/node-api';
import pino from 'pino';
import { defaultDeps } from '../pipelines/deps.ts';
import { getDialect } from '../pipelines/dialects/index.ts';
import { harvest } from '../pipelines/harvest.ts';
import { appendColumns } from '../pipelines/load/append.ts';
import { harvestDuckdbThreads, openStore } from '../pipelines/load/store.ts';
import { parseBody } from '../pipelines/parse/index.ts';
import { startSimProcess } from './sim-process.ts';
import { processCpuSeconds, statCpuSeconds } from './support/proc-cpu.ts';

/** CPU of one thread of this process; 0 once it has ended. */
function taskCpuSeconds(tid: string): number {
  try {
    return statCpuSeconds(`/proc/self/task/${tid}/stat`);
  } catch {
    return 0;
  }
}

const { values } = parseArgs({ options: { requests: { type: 'string' }, seed: { type: 'string' }, 'no-baseline': { type: 'boolean' } } });
const requests = Number(values.requests ?? 200_000);
const recordBodies = !values['no-baseline'];
const dir = mkdtempSync(join(tmpdir(), 'fed311-bench-harvest-'));
const sim = await startSimProcess({ requests, seed: Number(values.seed ?? 1) });

interface Recorded { endpointId: string; bytes: Uint8Array; contentType: string | null }
const bodies: Recorded[] = [];
const byHost = new Map(sim.endpoints.map((e) => [new URL(e.base_url).pathname, e]));
const recordingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (!recordBodies) return response;
  const url = new URL(String(input));
  const bytes = new Uint8Array(await response.arrayBuffer());
  const endpoint = [...byHost.entries()].find(([path]) => url.pathname.startsWith(path))?.[1];
  if (endpoint && url.pathname.includes('/requests')) bodies.push({ endpointId: endpoint.id, bytes, contentType: response.headers.get('content-type') });
  return new Response(bytes, { status: response.status, headers: response.headers });
};

try {
  // End to end.
  // DuckDB's threads as `fed311 harvest` sets them.
  const store = await openStore({ path: join(dir, 'e2e.duckdb'), threads: harvestDuckdbThreads });
  const peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  // Threads' CPU, sampled while they live: the page worker has ended by the time the harvest returns.
  const threadCpu = new Map<string, number>();
  const sampler = setInterval(() => {
    for (const tid of readdirSync('/proc/self/task')) threadCpu.set(tid, taskCpuSeconds(tid));
    const m = process.memoryUsage();
    for (const k of Object.keys(peak) as (keyof typeof peak)[]) peak[k] = Math.max(peak[k], m[k]);
  }, 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const summaries = await harvest({
    store,
    endpoints: sim.endpoints,
    deps: defaultDeps({ fetch: recordingFetch, logger: pino({ level: 'warn' }) }),
  });
  // Until the data is in the database file, not just in the WAL: a checkpoint put off is work not yet done.
  await store.query('CHECKPOINT');
  const e2eSeconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const e2eCpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  const mainCpu = taskCpuSeconds(String(process.pid));
  const others = [...threadCpu.entries()].filter(([tid]) => tid !== String(process.pid)).map(([, s]) => s).sort((a, b) => b - a);
  console.log(`harvest CPU by thread (s, since process start): main ${mainCpu.toFixed(1)}, busiest other (normally the page worker) ${(others[0] ?? 0).toFixed(1)}, all others ${others.slice(1).reduce((a, b) => a + b, 0).toFixed(1)} (DuckDB, V8 GC and compiler threads)`);
  const mb = (n: number) => Math.round(n / 1048576);
  console.log(`memory peaks (MB): rss ${mb(peak.rss)}, JS heap ${mb(peak.heapUsed)}, external ${mb(peak.external)}, array buffers ${mb(peak.arrayBuffers)}`);
  const simCpu = processCpuSeconds(sim.child.pid);
  const [{ stored = 0 } = {}] = await store.query<{ stored: number }>(`SELECT count(*) AS stored FROM service_requests`);
  const duckdbMemory = await store.query<{ tag: string; memory_usage_bytes: number }>(
    `SELECT tag, memory_usage_bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC`,
  );
  console.log(`DuckDB memory at the end (MB): ${duckdbMemory.map((m) => `${m.tag} ${Math.round(m.memory_usage_bytes / 1048576)}`).join(', ')}`);
  await store.close();
  const seen = summaries.reduce((n, s) => n + s.records_seen, 0);
  const failed = summaries.filter((s) => s.outcome !== 'ok');
  if (failed.length) console.error('not ok:', failed.map((s) => `${s.endpoint_id}: ${s.error}`).join('; '));
  const e2eRate = seen / e2eSeconds;
  console.log(`end to end: ${seen} records read (${stored} distinct requests stored) in ${e2eSeconds.toFixed(2)} s = ${Math.round(e2eRate)} records/s, ${Math.round(stored / e2eSeconds)} stored/s (peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; harvest process CPU ${e2eCpuSeconds.toFixed(1)} s = ${Math.round((e2eCpuSeconds * 1e6) / seen)} µs per record, simulator process CPU ${simCpu.toFixed(1)} s)`);
  for (const s of summaries) console.log(`  ${s.endpoint_id.padEnd(18)} ${String(s.records_seen).padStart(8)} records ${String(s.http_calls).padStart(6)} calls ${s.seconds.toFixed(1).padStart(6)} s`);

  if (recordBodies) {
    // Baseline: the same bytes, parsed and appended, nothing else.
    const base = await openStore({ path: join(dir, 'baseline.duckdb') });
    await base.transaction((c) => c.run(`CREATE TABLE raw_records (endpoint_id VARCHAR, record VARCHAR)`));
    const baseCpu0 = process.cpuUsage();
    const t1 = performance.now();
    let count = 0;
    let batch: [string[], string[]] = [[], []];
    const flush = () => {
      const columns = batch;
      batch = [[], []];
      return base.transaction((connection) => appendColumns({ connection, table: 'raw_records', types: [VARCHAR, VARCHAR], columns }));
    };
    const formats = new Map(sim.endpoints.map((e) => [e.id, e]));
    for (const body of bodies) {
      const endpoint = formats.get(body.endpointId)!;
      const records = getDialect(endpoint.dialect).readRequests(parseBody({ bytes: body.bytes, contentType: body.contentType, expected: endpoint.format }));
      for (const record of records) {
        batch[0].push(body.endpointId);
        batch[1].push(JSON.stringify(record));
      }
      count += records.length;
      if (batch[0].length >= 5000) await flush();
    }
    await flush();
    // To the same point as the end-to-end run: the data in the database file, not only in the WAL.
    await base.query('CHECKPOINT');
    const baseSeconds = (performance.now() - t1) / 1000;
    const baseCpu = process.cpuUsage(baseCpu0);
    await base.close();
    const baseRate = count / baseSeconds;
    console.log(`baseline (parse + append the same ${bodies.length} bodies): ${count} records in ${baseSeconds.toFixed(2)} s = ${Math.round(baseRate)} records/s (CPU ${Math.round((baseCpu.user + baseCpu.system) / count)} µs per record)`);
    console.log(`ratio end-to-end / baseline = ${(e2eRate / baseRate).toFixed(2)} (target ≥ 0.5); end-to-end ${Math.round(e2eRate)} records/s (target ≥ 20000)`);
  }
} finally {
  sim.stop();
  rmSync(dir, { recursive: true, force: true });
}
