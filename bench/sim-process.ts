import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRegistry } from '../pipelines/registry/load.ts';
import type { Endpoint } from '../pipelines/registry/types.ts';

const bin = new URL('../server/bin/fed311', import.meta.url).pathname;
const binDir = new URL('../server/bin', import.meta.url).pathname;

/**
 * `fed311 simulate` in its own process (its own core), returning the registry it prints. `now` pins its clock
 * (default: the real time minus 14 days, to the hour). `nodeArgs` (e.g. --cpu-prof, which NODE_OPTIONS refuses) run
 * the command's entry point under node directly, with the heap cap server/bin/fed311 gives it.
 */
export async function startSimProcess({ requests, seed, faults = 'none', now, nodeArgs }: { requests: number; seed: number; faults?: string; now?: Date; nodeArgs?: string[] }): Promise<{ endpoints: Endpoint[]; child: ChildProcess; stop: () => void }> {
  const out = join(mkdtempSync(join(tmpdir(), 'fed311-bench-')), 'registry.yaml');
  const args = ['simulate', '--requests', String(requests), '--seed', String(seed), '--faults', faults, '--registry-out', out];
  if (now) args.push('--now', now.toISOString());
  const command = nodeArgs ? [process.execPath, ...nodeArgs, '--max-old-space-size=256', '--import', `${binDir}/register-tsx.mjs`, `${binDir}/../cli/run.ts`] : [bin];
  const child = spawn(command[0]!, [...command.slice(1), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 600_000;
  while (!existsSync(out) || readFileSync(out, 'utf8').length === 0) {
    if (child.exitCode !== null) throw new Error(`simulator exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('simulator did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const endpoints = await parseRegistry({ text: readFileSync(out, 'utf8'), format: 'yaml', source: out });
  return { endpoints, child, stop: () => child.kill('SIGTERM') };
}
