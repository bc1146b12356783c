import pino, { type Logger } from 'pino';

/** Structured logs on stderr (stdout is kept for command output such as --json summaries). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'fed311' } }, pino.destination(2));
}
