import { htmlPage, type SimResponse } from '../wire/respond.ts';
import type { FaultKind } from './fault-plan.ts';

const gatewayPages: Record<number, [string, string]> = {
  500: ['500 Internal Server Error', 'The server encountered an internal error and was unable to complete your request.'],
  502: ['502 Bad Gateway', 'The proxy server received an invalid response from an upstream server.'],
  503: ['503 Service Unavailable', 'The server is temporarily unable to service your request due to maintenance downtime or capacity problems.'],
};

/** The answer that replaces the real one, for faults that replace it (the others alter or delay it). */
export function faultResponse(kind: FaultKind, call: number): SimResponse | null {
  if (kind === 'server_error') {
    const status = [500, 502, 503][call % 3] ?? 500;
    const [title, message] = gatewayPages[status] ?? ['Error', 'Error'];
    return htmlPage(title, message, status);
  }
  if (kind === 'too_many_requests') {
    return { status: 429, contentType: 'text/plain; charset=utf-8', body: 'Too Many Requests\n', headers: { 'retry-after': '1' } };
  }
  if (kind === 'html_200') return htmlPage('Site maintenance', 'We are performing scheduled maintenance. Please try again shortly.', 200);
  return null;
}

/** A body cut somewhere in its middle; the status stays 200 and Content-Length matches what is sent. */
export function truncate(response: SimResponse, call: number): SimResponse {
  const cut = Math.floor(response.body.length * (0.3 + ((call * 7919) % 50) / 100));
  return { ...response, body: response.body.slice(0, Math.max(1, cut)) };
}
