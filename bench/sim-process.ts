import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRegistry } from '../pipelines/registry/load.ts';
import type { Endpoint } from '../pipelines/registry/types.ts';

const bin = new URL('../server/bin/fed311', import.meta.url).pathname;

/** `fed311 simulate` in its own process (its own core), returning the registry it prints. */
export async function startSimProcess({ requests, seed, faults = 'none' }: { requests: number; seed: number; faults?: string }): Promise<{ endpoints: Endpoint[]; child: ChildProcess; stop: () => void }> {
  const out = join(mkdtempSync(join(tmpdir(), 'fed311-bench-')), 'registry.yaml');
  const child = spawn(bin, ['simulate', '--requests', String(requests), '--seed', String(seed), '--faults', faults, '--registry-out', out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 600_000;
  while (!existsSync(out) || readFileSync(out, 'utf8').length === 0) {
    if (child.exitCode !== null) throw new Error(`simulator exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('simulator did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const endpoints = await parseRegistry({ text: readFileSync(out, 'utf8'), format: 'yaml', source: out });
  return { endpoints, child, stop: () => child.kill('SIGTERM') };
}
