import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { HandleFetch, HandleServerError } from '@sveltejs/kit';

// SvelteKit answers same-origin fetches itself, but /api/v1 belongs to the Koa app around it: send those over
// loopback to the very server this request came in on (adapter-node gives us its socket), so server-side rendering
// reads exactly what the public reads, whatever origin a proxy in front of it shows.
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  const socket = (event.platform as { req?: IncomingMessage } | undefined)?.req?.socket;
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/') || !socket?.localPort) return fetch(request);
  const host = socket.localAddress?.includes(':') ? `[${socket.localAddress}]` : socket.localAddress;
  const scheme = (socket as TLSSocket).encrypted ? 'https' : 'http';
  return globalThis.fetch(new Request(`${scheme}://${host}:${socket.localPort}${url.pathname}${url.search}`, request));
};

/**
 * Errors while rendering a page, as one JSON line on stderr in the shape of the server's pino logs (level 50,
 * `app: fed311`), instead of SvelteKit's default: ANSI-coloured text mixed into the JSON stream. A 404 is not an
 * error to log: the server's request log already has the request with its status.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
  if (status === 404) return;
  const err = error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : { message: String(error) };
  process.stderr.write(`${JSON.stringify({ level: 50, time: Date.now(), app: 'fed311', msg: 'dashboard page failed', status, method: event.request.method, path: event.url.pathname, err })}\n`);
  return { message };
};
