import { readFileSync } from 'node:fs';

/** utime and stime from a /proc stat file (Linux), in seconds. */
export function statCpuSplit(path: string): { user: number; system: number } {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
}

/** utime + stime from a /proc stat file (Linux), in seconds. */
export function statCpuSeconds(path: string): number {
  const { user, system } = statCpuSplit(path);
  return user + system;
}

/** CPU of a process. */
export function processCpuSeconds(pid: number | undefined): number {
  return pid ? statCpuSeconds(`/proc/${pid}/stat`) : NaN;
}
