import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type Koa from 'koa';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const defaultBuild = fileURLToPath(new URL('../web/build/', import.meta.url));

/**
 * The built dashboard (web/build, SvelteKit's adapter-node) as Koa middleware, or null when it has not been built.
 * Mounted after the API routes, so /api/v1 and /open311 always win; the app's framing headers set before it stay.
 */
export async function loadDashboard({ buildDir = defaultBuild }: { buildDir?: string } = {}): Promise<Koa.Middleware | null> {
  const file = `${buildDir.replace(/\/$/, '')}/handler.js`;
  if (!existsSync(file)) return null;
  const { handler } = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
  return async (ctx, next) => {
    // allow bypassing koa: SvelteKit writes the Node response itself (https://koajs.com/#ctx-respond)
    ctx.respond = false;
    let passed = false;
    await new Promise<void>((resolve) => {
      ctx.res.once('close', resolve);
      handler(ctx.req, ctx.res, () => {
        passed = true;
        resolve();
      });
    });
    if (passed) {
      ctx.respond = true;
      await next();
    }
  };
}
