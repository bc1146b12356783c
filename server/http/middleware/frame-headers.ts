import type { Middleware } from 'koa';

/** Nothing may be framed except the embeddable pages under /embed/ (CONTRACT §5). */
export function frameHeaders(): Middleware {
  return async (ctx, next) => {
    if (ctx.path.startsWith('/embed/')) {
      ctx.set('Content-Security-Policy', 'frame-ancestors *');
    } else {
      ctx.set('X-Frame-Options', 'DENY');
      ctx.set('Content-Security-Policy', "frame-ancestors 'none'");
    }
    await next();
  };
}
