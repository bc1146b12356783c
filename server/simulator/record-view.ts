import type { RecordView } from './dialects/types.ts';
import type { SimEndpoint } from './federation.ts';
import { NEVER } from './model/lifecycle.ts';
import { ECHO_FLAG, malformedOf } from './model/population.ts';
import { mix32, rngOf, seedOf } from './model/random.ts';
import { stageAt, updatedAt } from './model/record-state.ts';

const saltCache = new Map<string, number>();
function saltOf(salt: string): number {
  let value = saltCache.get(salt);
  if (value === undefined) saltCache.set(salt, (value = seedOf(salt)));
  return value;
}

/** Seed of one record's stream: endpoint seed × index × stream number (numeric only: this runs per rendered row). */
export function recordSeed(endpointSeed: number, index: number, stream: number): number {
  return mix32(endpointSeed ^ mix32(index + 0x632be5ab) ^ mix32(stream + 0x1b873593));
}

export function recordHash(ep: SimEndpoint, index: number): (salt: string) => number {
  return (salt) => recordSeed(ep.seed, index, saltOf(salt));
}

export function viewOf(ep: SimEndpoint, index: number, now: number): RecordView {
  const { pop } = ep;
  const ack = pop.ack[index] as number;
  const closed = pop.closed[index] as number;
  const parent = pop.parent ? (pop.parent[index] as number) : -1;
  return {
    index,
    id: ep.dialect.idOf(index, ep.idContext),
    service: ep.services[pop.service[index] as number] ?? (ep.services[0] as RecordView['service']),
    stage: stageAt(pop, index, now),
    requested: pop.requested[index] as number,
    acknowledged: ack !== NEVER && ack <= now ? ack : null,
    closed: closed <= now ? closed : null,
    updated: updatedAt(pop, index, now),
    now,
    parentId: parent >= 0 ? ep.dialect.idOf(parent, ep.idContext) : null,
    rng: rngOf(recordSeed(ep.seed, index, 0)),
    placeRng: rngOf(recordSeed(ep.seed, parent >= 0 ? parent : index, 1)),
    hash: recordHash(ep, index),
    time: ep.time,
  };
}

/** The record as the wire carries it at `now`, with its persistent defect applied (if it has one). */
export function wireRecord(ep: SimEndpoint, index: number, now: number, extensions: boolean): unknown {
  const kind = malformedOf(ep.pop, index);
  // A bare string instead of an object; it names the record so that two of them are never byte-identical.
  if (kind === 'not_an_object') return `${index % 2 ? 'record unavailable' : 'ERROR'}: ${ep.dialect.idOf(index, ep.idContext)}`;
  const record = ep.dialect.render(viewOf(ep, index, now), extensions);
  if (kind === 'missing_id') delete record.service_request_id;
  if (kind === 'bad_requested_datetime') record.requested_datetime = index % 2 ? 'not-a-date' : '31/02/2026';
  if (kind === 'bad_status') record.status = '???';
  return record;
}

/** A well-formed record that the vendor sends twice in one answer (CitySDK). */
export function isEcho(ep: SimEndpoint, index: number): boolean {
  return ((ep.pop.flags[index] ?? 0) & ECHO_FLAG) !== 0 && malformedOf(ep.pop, index) === null;
}

/** Why the truth calls this record malformed at `now`: its persistent defect, or a transient id-less listing (Chicago). */
export function malformedReason(ep: SimEndpoint, index: number, now: number): string | null {
  const kind = malformedOf(ep.pop, index);
  if (kind) return kind;
  const requested = ep.pop.requested[index] as number;
  const listedWithoutId = ep.dialect.listedWithoutId;
  return listedWithoutId && listedWithoutId({ requested, now, hash: recordHash(ep, index) }) ? 'submitted_without_id' : null;
}
