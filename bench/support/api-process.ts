// The fed311 API over one store file in a child process of its own, so a benchmark measures the server's memory
// (VmHWM) and CPU apart from the load generator. Run as a script, it is that child.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { defaultDeps } from '../../pipelines/deps.ts';
import { openStore } from '../../pipelines/load/store.ts';
import { loadConfig, storeSettings } from '../../server/config.ts';
import { createApp } from '../../server/http/create-app.ts';

export interface ApiProcess {
  url: string;
  pid: number;
  /** Peak and current resident memory of the server process so far, in MB (Linux /proc). */
  memory(): { peakMb: number; nowMb: number };
  stop(): Promise<void>;
}

/** Starts the API over `path` (a DuckDB file no other process holds) with the clock at `now`. */
export async function startApiProcess({ path, now, memoryLimit = '192MB' }: { path: string; now: Date; memoryLimit?: string }): Promise<ApiProcess> {
  // The JS heap and young-generation caps of the fed311 launcher for `serve` (server/bin/fed311), so the figures are those of `fed311 serve`.
  const child: ChildProcess = spawn(process.execPath, ['--max-old-space-size=256', '--max-semi-space-size=4', '--import', 'tsx', new URL(import.meta.url).pathname, path, now.toISOString(), memoryLimit], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /^READY (\S+)$/m.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`API process exited (${code}) before it was ready`)));
  });
  const pid = child.pid!;
  const statusMb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  return {
    url,
    pid,
    memory: () => ({ peakMb: Math.round(statusMb('VmHWM')), nowMb: Math.round(statusMb('VmRSS')) }),
    stop: () =>
      new Promise<void>((resolve) => {
        // A clean stop closes the store; when queries the load left behind keep it busy, the figures are taken
        // already: do not wait more than a few seconds.
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function serveChild([path, now, memoryLimit]: string[]): Promise<void> {
  // FED311_DUCKDB_THREADS applies as in `fed311 serve` (unset: one DuckDB thread per core).
  const store = await openStore({ path: path!, memoryLimit: memoryLimit!, threads: storeSettings(loadConfig()).threads });
  const deps = defaultDeps({ logger: pino({ level: 'silent' }), now: () => new Date(now!) });
  const app = createApp({ store, deps });
  const server = app.koa.listen(0, '127.0.0.1', () => process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
  process.once('SIGTERM', () => {
    // As `fed311 serve` stops, without the grace: the load has ended, and queries left behind are interrupted.
    server.close();
    server.closeAllConnections();
    app.close();
    void store.close().then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) await serveChild(process.argv.slice(2));
