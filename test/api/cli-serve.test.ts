import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSimulator } from '../../server/simulator/index.ts';

const bin = new URL('../../server/bin/fed311', import.meta.url).pathname;
let dir: string;

/** Starts the real `fed311` command; resolves once `pattern` shows on stdout or stderr (or the process ends). */
function start(args: string[], pattern: RegExp) {
  const child = spawn(bin, args, { env: { ...process.env, FED311_LOG_LEVEL: 'silent', FED311_ADMIN_TOKEN: '' } });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const matched = new Promise<RegExpExecArray | null>((resolve) => {
    const look = (chunk: Buffer) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) resolve(match);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    void exited.then(() => resolve(null));
  });
  return { child, matched, exited, output: () => output };
}

async function stop(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  child.kill('SIGTERM');
  return exited;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fed311-serve-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fed311 serve and fed311 demo (real processes)', () => {
  test('serve: syncs the registry, serves on the given port, stops cleanly on SIGTERM', async () => {
    const sim = await startSimulator({ port: 0, seed: 1, requests: 300, faults: 'none' });
    try {
      const registry = join(dir, 'sim.yaml');
      writeFileSync(registry, sim.registryYaml());
      const run = start(['serve', '--registry', registry, '--db', join(dir, 'serve.duckdb'), '--port', '0', '--no-schedule'], /fed311 serve: (http:\/\/127\.0\.0\.1:\d+)/);
      const match = await run.matched;
      expect(match, run.output()).not.toBeNull();
      const response = await fetch(`${match![1]}/api/v1/endpoints`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { rows: unknown[] }).rows).toHaveLength(sim.registry().length);
      expect(await stop(run.child, run.exited)).toBe(0);
    } finally {
      await sim.close();
    }
  });

  test('serve: a bad option is exit 2, a bad registry exit 1, each one line', async () => {
    const option = start(['serve', '--frobnicate'], /$^/);
    expect(await option.exited).toBe(2);
    const registry = join(dir, 'bad.yaml');
    writeFileSync(registry, '- id: Bad Id\n  name: x\n');
    const bad = start(['serve', '--registry', registry, '--db', join(dir, 'bad.duckdb'), '--port', '0'], /$^/);
    expect(await bad.exited).toBe(1);
    expect(bad.output().trim().split('\n')[0]).toMatch(/^fed311 serve: .*bad\.yaml: entry 0/);
  });

  test('demo: simulates, harvests, prints the URL and serves until SIGTERM; --no-serve stops after the harvest', async () => {
    const run = start(['demo', '--requests', '1500', '--db', join(dir, 'demo.duckdb'), '--port', '0'], /serving at (http:\/\/127\.0\.0\.1:\d+)/);
    const match = await run.matched;
    expect(match, run.output()).not.toBeNull();
    expect(run.output()).toMatch(/stored: \d+ requests/);
    const page = (await (await fetch(`${match![1]}/api/v1/requests?limit=3`)).json()) as { rows: unknown[] };
    expect(page.rows).toHaveLength(3);
    expect((await fetch(`${match![1]}/open311/v2/discovery.json`)).status).toBe(200);
    expect(await stop(run.child, run.exited)).toBe(0);
    const once = start(['demo', '--requests', '800', '--db', join(dir, 'demo2.duckdb'), '--no-serve'], /$^/);
    expect(await once.exited).toBe(0);
    expect(once.output()).toMatch(/stored: \d+ requests/);
    expect(once.output()).not.toMatch(/serving at/);
  });
});
