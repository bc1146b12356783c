import type { SimEndpoint } from './federation.ts';
import { NEVER } from './model/lifecycle.ts';
import { malformedReason } from './record-view.ts';
import { updatedAt, visibleCount } from './model/record-state.ts';
import type { EndpointState, TruthRow } from './types.ts';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

export function truthRow(ep: SimEndpoint, i: number, now: number): TruthRow {
  const { pop, dialect, idContext } = ep;
  const closed = pop.closed[i] as number;
  const parent = pop.parent ? (pop.parent[i] as number) : -1;
  const ack = pop.ack[i] as number;
  return {
    service_request_id: dialect.idOf(i, idContext),
    status: closed <= now ? 'closed' : 'open',
    requested_at: iso(pop.requested[i] as number),
    updated_at: iso(updatedAt(pop, i, now)),
    closed_at: closed <= now ? iso(closed) : null,
    acknowledged_at: ack !== NEVER && ack <= now ? iso(ack) : null,
    malformed: malformedReason(ep, i, now),
    duplicate_of: parent >= 0 ? dialect.idOf(parent, idContext) : null,
  };
}

/** Every record visible at `now`, in requested order. */
export function truthRows(ep: SimEndpoint, now: number): TruthRow[] {
  const visible = visibleCount(ep.pop, now);
  return Array.from({ length: visible }, (_, i) => truthRow(ep, i, now));
}

/** NDJSON in chunks of a few thousand lines, so a million rows never sit in one string. */
export function* truthNdjson(ep: SimEndpoint, now: number, chunkRows = 5000): Generator<string> {
  const visible = visibleCount(ep.pop, now);
  for (let start = 0; start < visible; start += chunkRows) {
    let chunk = '';
    for (let i = start; i < Math.min(visible, start + chunkRows); i++) chunk += `${JSON.stringify(truthRow(ep, i, now))}\n`;
    yield chunk;
  }
}

export function endpointState(ep: SimEndpoint, now: number, baseUrl: string): EndpointState {
  const { pop } = ep;
  const visible = visibleCount(pop, now);
  let closed = 0;
  let malformed = 0;
  for (let i = 0; i < visible; i++) {
    if ((pop.closed[i] as number) <= now) closed++;
    if (malformedReason(ep, i, now)) malformed++;
  }
  return {
    id: ep.id, dialect: ep.dialect.id, base_url: baseUrl, total: pop.n, visible, open: visible - closed, closed, malformed,
    first_requested_at: pop.n ? iso(pop.requested[0] as number) : null,
    last_visible_requested_at: visible ? iso(pop.requested[visible - 1] as number) : null,
  };
}

/** Per service: the close-time model behind the data (for metric tests). */
export function truthServices(ep: SimEndpoint) {
  return ep.services.map((s, i) => {
    const model = ep.lifecycles[i];
    return { code: s.code, name: s.name, median_days: model?.medianDays, sigma: model?.sigma, never_close_share: model?.neverCloseShare };
  });
}
