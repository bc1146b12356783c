import type { Endpoint } from '../../pipelines/registry/types.ts';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../server/simulator/index.ts';

/** Every simulator test runs on this clock, never the real one. */
export const clockStart = new Date('2026-03-01T00:00:00Z');

export function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<Simulator> {
  return startSimulator({ port: 0, seed: 42, requests: 20_000, faults: 'none', now: clockStart, ...options });
}

export function endpointOf(sim: Simulator, dialect: string): Endpoint {
  const endpoint = sim.registry().find((e) => e.dialect === dialect);
  if (!endpoint) throw new Error(`no simulated ${dialect} endpoint`);
  return endpoint;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  headers: Headers;
  body: unknown;
}

/** GET and read the body; `body` is parsed JSON when the answer is JSON and parses, else undefined. */
export async function get(url: string): Promise<Answer> {
  const res = await fetch(url);
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let body: unknown;
  if (contentType.includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return { status: res.status, contentType, text, headers: res.headers, body };
}

/** Rows of a JSON requests answer (bare or FixMyStreet-wrapped). */
export function rowsOf(answer: Answer): Record<string, unknown>[] {
  const body = answer.body as unknown;
  const list = Array.isArray(body) ? body : (body as { service_requests?: unknown[] } | undefined)?.service_requests;
  if (!Array.isArray(list)) throw new Error(`not a requests list (HTTP ${answer.status}): ${answer.text.slice(0, 200)}`);
  return list as Record<string, unknown>[];
}

export const idsOf = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.service_request_id));

/** Truth ids of records requested in [from, to] (ISO instants; `endExclusive` for FixMyStreet). */
export function truthIdsBetween(sim: Simulator, endpointId: string, from: string, to: string, endExclusive = false): string[] {
  const [a, b] = [Date.parse(from), Date.parse(to)];
  return sim
    .truth(endpointId)
    .filter((t) => {
      const at = Date.parse(t.requested_at);
      return at >= a && (endExclusive ? at < b : at <= b);
    })
    .map((t) => t.service_request_id);
}
