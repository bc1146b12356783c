import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/** One log line per request with its status and time; the query string is logged as sent (it carries no secrets). */
export function requestLog({ logger }: { logger: Logger }): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: ctx.method, url: ctx.url, status: ctx.status, ms: Math.round(ms * 10) / 10 }, 'request');
    }
  };
}
