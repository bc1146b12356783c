// CPU the simulated federation spends per record it serves: `fed311 simulate` in its own process (as
// bench/harvest.ts starts it), a full harvest into a scratch DuckDB file against it, and the simulator's CPU time
// (/proc/<pid>/stat, user + system) during the harvest divided by the records the harvest read. CPU time, not wall
// time: the machine is shared, and CPU time barely moves with the load on the other core. Usage:
//   node --import tsx bench/sim-cpu.ts [--requests 200000] [--seed 1] [--runs 3] [--cpu-prof DIR]
// The simulator's clock is pinned (--now) and the harvester's runs 14 days ahead of it (as against a simulator on the
// default clock), so every run asks for the same pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { defaultDeps } from '../pipelines/deps.ts';
import { harvest } from '../pipelines/harvest.ts';
import { openStore } from '../pipelines/load/store.ts';
import { startSimProcess } from './sim-process.ts';
import { statCpuSplit } from './support/proc-cpu.ts';

const { values } = parseArgs({
  options: { requests: { type: 'string' }, seed: { type: 'string' }, runs: { type: 'string' }, 'cpu-prof': { type: 'string' } },
});
const requests = Number(values.requests ?? 200_000);
const seed = Number(values.seed ?? 1);
const runs = Number(values.runs ?? 3);
const simNow = new Date('2026-11-23T17:00:00Z');
const harvesterLead = 14 * 86_400_000;

interface Run {
  startupCpu: number;
  harvestCpu: number;
  /** Of harvestCpu: in the kernel (socket writes), and on the main thread (the rest: V8's GC and compiler threads). */
  system: number;
  mainThread: number;
  records: number;
  calls: number;
  microsPerRecord: number;
}

/** CPU seconds of the whole process and of its main thread (whose thread id is the process id). */
function cpuOf(pid: number): { user: number; system: number; main: number } {
  const process = statCpuSplit(`/proc/${pid}/stat`);
  const main = statCpuSplit(`/proc/${pid}/task/${pid}/stat`);
  return { ...process, main: main.user + main.system };
}

async function measure(): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'fed311-bench-sim-cpu-'));
  const nodeArgs = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : undefined;
  const sim = await startSimProcess({ requests, seed, now: simNow, nodeArgs });
  try {
    const store = await openStore({ path: join(dir, 'harvest.duckdb') });
    const shift = Date.now() - (simNow.getTime() + harvesterLead);
    const pid = sim.child.pid!;
    const before = cpuOf(pid);
    const summaries = await harvest({
      store,
      endpoints: sim.endpoints,
      deps: defaultDeps({ logger: pino({ level: 'warn' }), now: () => new Date(Date.now() - shift) }),
    });
    const after = cpuOf(pid);
    await store.close();
    const failed = summaries.filter((s) => s.outcome !== 'ok');
    if (failed.length) throw new Error(`harvest not ok: ${failed.map((s) => `${s.endpoint_id}: ${s.error}`).join('; ')}`);
    const records = summaries.reduce((n, s) => n + s.records_seen, 0);
    const calls = summaries.reduce((n, s) => n + s.http_calls, 0);
    const harvestCpu = after.user + after.system - before.user - before.system;
    return {
      startupCpu: before.user + before.system, harvestCpu, system: after.system - before.system, mainThread: after.main - before.main,
      records, calls, microsPerRecord: (harvestCpu * 1e6) / records,
    };
  } finally {
    sim.stop();
    await new Promise((resolve) => (sim.child.exitCode === null ? sim.child.once('exit', resolve) : resolve(null)));
    rmSync(dir, { recursive: true, force: true });
  }
}

const results: Run[] = [];
for (let run = 1; run <= runs; run++) {
  const r = await measure();
  results.push(r);
  console.log(
    `run ${run}: simulator CPU ${r.harvestCpu.toFixed(2)} s during the harvest (system ${r.system.toFixed(2)} s, main thread ${r.mainThread.toFixed(2)} s; ` +
      `startup ${r.startupCpu.toFixed(2)} s), ` +
      `${r.records} records in ${r.calls} calls = ${r.microsPerRecord.toFixed(1)} µs CPU per record served ` +
      `(${(((r.startupCpu + r.harvestCpu) * 1e6) / r.records).toFixed(1)} µs with the startup)`,
  );
}
const sorted = results.map((r) => r.microsPerRecord).sort((a, b) => a - b);
console.log(`median of ${runs}: ${sorted[Math.floor((runs - 1) / 2)]!.toFixed(1)} µs CPU per record served (runs: ${results.map((r) => r.microsPerRecord.toFixed(1)).join(', ')})`);
