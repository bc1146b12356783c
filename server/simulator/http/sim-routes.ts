import type { ServerResponse } from 'node:http';
import type { SimEndpoint } from '../federation.ts';
import { truthNdjson, truthServices } from '../truth.ts';
import type { SimConformance, SimulatorState } from '../types.ts';
import { jsonType } from '../wire/respond.ts';

export interface SimControl {
  endpoints: readonly SimEndpoint[];
  nowSeconds(): number;
  advance(ms: number): void;
  state(): SimulatorState;
  conformance(): SimConformance;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': jsonType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Ground-truth and clock routes under /_sim/ (never faulty). */
export function simRoute(args: { control: SimControl; method: string; path: string; params: URLSearchParams; res: ServerResponse }): void {
  const { control, method, path, params, res } = args;
  const error = (status: number, message: string) => send(res, status, { error: { status, message } });
  if (path === '/_sim/state' && method === 'GET') return send(res, 200, control.state());
  if (path === '/_sim/conformance' && method === 'GET') return send(res, 200, control.conformance());
  if (path === '/_sim/advance') {
    if (method !== 'POST') return error(405, 'use POST /_sim/advance?hours=N');
    const hours = Number(params.get('hours'));
    if (!Number.isFinite(hours) || hours < 0) return error(400, 'hours must be a number ≥ 0');
    control.advance(hours * 3_600_000);
    return send(res, 200, control.state());
  }
  const m = /^\/_sim\/truth\/([a-z0-9-]+)(\.ndjson|\/services\.json)$/.exec(path);
  const ep = m && control.endpoints.find((e) => e.id === m[1]);
  if (!m || !ep || method !== 'GET') return error(404, `no simulator route ${method} ${path}`);
  if (m[2] === '/services.json') return send(res, 200, truthServices(ep));
  res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
  const chunks = truthNdjson(ep, control.nowSeconds());
  const pump = (): void => {
    for (let next = chunks.next(); !next.done; next = chunks.next()) {
      if (!res.write(next.value)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  pump();
}
