import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { toApiError } from '../errors.ts';
import { formatOf, respondErrors } from '../open311/wire.ts';

/**
 * The one error middleware: an ApiError becomes the error shape of CONTRACT §5, or under /open311 the spec's error
 * list (GeoReport §6) in the path's format. Anything else is logged in full and answered with a generic 500.
 */
export function errorHandler({ logger }: { logger: Logger }): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (thrown) {
      const { error, unexpected } = toApiError(thrown);
      if (unexpected) logger.error({ err: thrown, method: ctx.method, url: ctx.url }, 'request failed');
      ctx.remove('ETag');
      ctx.remove('Content-Disposition');
      ctx.set('Cache-Control', 'no-store');
      if (ctx.path.startsWith('/open311/')) {
        respondErrors({ ctx, format: formatOf(ctx.path), status: error.status, description: error.message });
      } else {
        ctx.status = error.status;
        ctx.body = error.toBody();
      }
    }
  };
}
