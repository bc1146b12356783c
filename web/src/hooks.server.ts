import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { HandleFetch } from '@sveltejs/kit';

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
