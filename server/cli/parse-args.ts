import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.ts';

/** node:util parseArgs, strict, with its errors turned into usage errors (exit 2). */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    // One line (CONTRACT §4): node's messages can run to three ("…ambiguous.\n  Did you forget…").
    throw new UsageError((error as Error).message.split('\n').map((line) => line.trim()).join(' '));
  }
}

export function intOption(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name}: "${value}" is not a whole number ≥ ${min}`);
  return n;
}

export function dateOption(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) throw new UsageError(`--${name}: "${value}" is not a date (use YYYY-MM-DD or ISO 8601)`);
  return new Date(at);
}
