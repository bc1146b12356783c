import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultPlan } from '../faults/fault-plan.ts';
import { hostileRoute } from '../conformance/hostile-route.ts';
import { faultResponse, truncate } from '../faults/fault-responses.ts';
import { canRepeatPage } from '../requests/requests-route.ts';
import { errorResponse, type SimResponse } from '../wire/respond.ts';
import { BodyBuffers } from './body-buffers.ts';
import { matchEndpoint, open311Route } from './open311-routes.ts';
import { simRoute, type SimControl } from './sim-routes.ts';

export interface SimServerDeps {
  control: SimControl;
  faults: FaultPlan;
  stallMs: number;
  /** Origin (scheme, host, port) an endpoint is served at; filled in once the servers listen. */
  originOf: (endpointId: string) => string;
}

const bodyBuffers = new BodyBuffers();

function write(res: ServerResponse, response: SimResponse): void {
  if (res.destroyed) return;
  // Encoded once: a string body would be measured (Buffer.byteLength) and then encoded again by the socket write.
  const { bytes, release } = bodyBuffers.encode(response.body);
  res.once('finish', release);
  res.writeHead(response.status, {
    'content-type': response.contentType,
    'content-length': bytes.length,
    ...response.headers,
  });
  res.end(bytes);
}

/**
 * The federation's HTTP handling: /_sim/ control routes, then one GeoReport endpoint per dialect, faults injected per
 * call. `createServer()` may be called once per origin: every simulated city also gets its own port, as real cities
 * have their own hosts (and a harvester's per-host politeness treats them apart).
 */
export function createSimServer(deps: SimServerDeps): { createServer: () => Server; stop: () => void } {
  const stalled = new Set<NodeJS.Timeout>();
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    const method = req.method ?? 'GET';
    if (path.startsWith('/_sim/')) return simRoute({ control: deps.control, method, path, params, res });
    // Hostile variants are never faulty: each must show exactly its one deviation.
    if (path.startsWith('/hostile/')) {
      const origin = deps.originOf('sim-generic');
      return write(res, hostileRoute({ endpoints: deps.control.endpoints, path, params, now: deps.control.nowSeconds(), origin }));
    }
    const match = matchEndpoint(deps.control.endpoints, path);
    if (!match) return write(res, { status: 404, contentType: 'text/plain; charset=utf-8', body: `no simulated endpoint at ${path}\n` });
    if (method !== 'GET' && method !== 'HEAD') {
      return write(res, errorResponse({ rules: match.ep.dialect.rules, format: 'json', status: 403, message: 'this simulated server is read-only' }));
    }
    const fault = deps.faults.next({ canRepeatPage: !match.discovery && match.rest.startsWith('requests.') && canRepeatPage(match.ep, params) });
    const replaced = fault && faultResponse(fault.kind, fault.call);
    if (replaced) return write(res, replaced);
    const now = deps.control.nowSeconds();
    let response = open311Route({ match, params, now, serverUrl: deps.originOf(match.ep.id), repeatPrevious: fault?.kind === 'repeated_page' });
    if (fault?.kind === 'truncated') response = truncate(response, fault.call);
    if (fault?.kind !== 'stall') return write(res, response);
    const timer = setTimeout(() => {
      stalled.delete(timer);
      write(res, response);
    }, deps.stallMs);
    stalled.add(timer);
    res.once('close', () => {
      clearTimeout(timer);
      stalled.delete(timer);
    });
  };
  const newServer = () => {
    const server = createServer((req, res) => {
      try {
        handle(req, res);
      } catch (error) {
        // The simulator must never leave a caller hanging; an unexpected bug is a plain 500 with the reason.
        write(res, { status: 500, contentType: 'text/plain; charset=utf-8', body: `simulator error: ${(error as Error).stack ?? error}\n` });
      }
    });
    server.keepAliveTimeout = 30_000;
    return server;
  };
  const stop = () => {
    for (const timer of stalled) clearTimeout(timer);
    stalled.clear();
  };
  return { createServer: newServer, stop };
}
