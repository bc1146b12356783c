import { createHash } from 'node:crypto';
import { Readable, Stream } from 'node:stream';
import type { Middleware } from 'koa';

/**
 * ETag + Cache-Control on successful GETs, and 304 for a matching If-None-Match. A buffered body is tagged by its
 * hash (kept when an inner layer set it already: the response cache stores each answer's tag with it); a streamed
 * one (an export) by a weak tag from the store's last write (`version`, null while a harvest is writing: then
 * nothing is tagged).
 */
export function caching({ version, maxAge = 60 }: { version: () => Promise<string | null>; maxAge?: number }): Middleware {
  return async (ctx, next) => {
    await next();
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.status !== 200 || ctx.body === null || ctx.body === undefined) return;
    if (!ctx.response.get('Cache-Control')) ctx.set('Cache-Control', `public, max-age=${maxAge}`);
    if (ctx.body instanceof Stream) {
      const stamp = await version();
      if (stamp === null) return;
      ctx.set('ETag', `W/"${hash(`${stamp} ${ctx.url}`)}"`);
    } else {
      if (typeof ctx.body === 'object' && !Buffer.isBuffer(ctx.body)) ctx.body = JSON.stringify(ctx.body);
      if (!ctx.response.get('ETag')) ctx.set('ETag', bodyTag(ctx.body as string | Buffer));
    }
    if (ctx.fresh) {
      if (ctx.body instanceof Readable) ctx.body.destroy();
      ctx.status = 304;
      ctx.body = null;
    }
  };
}

/** The strong ETag of a buffered answer. */
export function bodyTag(body: string | Buffer): string {
  return `"${hash(body)}"`;
}

function hash(value: string | Buffer): string {
  return createHash('sha1').update(value).digest('base64url').slice(0, 27);
}
