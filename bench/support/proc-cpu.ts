import { readFileSync } from 'node:fs';

/** utime + stime from a /proc stat file (Linux), in seconds. */
export function statCpuSeconds(path: string): number {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU of a process. */
export function processCpuSeconds(pid: number | undefined): number {
  return pid ? statCpuSeconds(`/proc/${pid}/stat`) : NaN;
}
