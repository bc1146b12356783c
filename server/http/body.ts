import type { Context } from 'koa';
import { ApiError, badParameter } from './errors.ts';

/**
 * A request body parsed as JSON, read up to `maxBytes` (413 past it, before the rest is read). Refusals name `body`:
 * it is the caller's input like a query parameter.
 */
export async function readJsonBody(ctx: Context, maxBytes: number): Promise<unknown> {
  const declared = Number(ctx.get('Content-Length') || 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  if (size === 0) throw badParameter('body', 'is required (a JSON document)');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw badParameter('body', `is not JSON (${(error as Error).message})`);
  }
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError({ status: 413, code: 'payload_too_large', message: `body: larger than ${maxBytes / 1_000_000} MB`, parameter: 'body' });
}
