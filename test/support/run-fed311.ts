import { spawn } from 'node:child_process';

const bin = new URL('../../server/bin/fed311', import.meta.url).pathname;

/** Runs the real `fed311` command (server/bin/fed311) as a child process; resolves with its exit code and output. */
export function runFed311(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { env: { ...process.env, FED311_LOG_LEVEL: 'silent' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
