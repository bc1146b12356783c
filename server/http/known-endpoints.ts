import { readRows } from '../../pipelines/load/store.ts';
import { badParameter } from './errors.ts';
import type { AppServices } from './services.ts';

const cached = new WeakMap<AppServices, { generation: number; ids: Promise<string[]> }>();

/** The endpoint ids in the store, sorted; read again only after a write (a registry sync is one). */
export function endpointIds(app: AppServices): Promise<string[]> {
  const generation = app.store.generation();
  const hit = cached.get(app);
  if (hit && hit.generation === generation) return hit.ids;
  const ids = app.pool.use((c) => readRows<{ endpoint_id: string }>(c, 'SELECT endpoint_id FROM endpoints ORDER BY endpoint_id')).then((rows) => rows.map((r) => r.endpoint_id));
  cached.set(app, { generation, ids });
  ids.catch(() => cached.delete(app));
  return ids;
}

/**
 * Refuses an `endpoint` filter naming an endpoint the store does not have: an empty answer (an embedded chart
 * saying "no data") would hide a typo. Endpoints dropped from the registry stay in the store and stay valid.
 */
export async function refuseUnknownEndpoints(app: AppServices, query: Record<string, unknown>): Promise<void> {
  const given = query.endpoint;
  if (given === undefined) return;
  const ids = await endpointIds(app);
  const unknown = (Array.isArray(given) ? given : [given]).find((id) => !ids.includes(String(id)));
  if (unknown === undefined) return;
  // A registry of hundreds would make a message of hundreds: the first few, then where to find the rest.
  const shown = ids.length > 20 ? `${ids.slice(0, 20).join(', ')}, … ${ids.length - 20} more` : ids.join(', ') || 'none yet';
  throw badParameter('endpoint', `no endpoint "${String(unknown)}" (known: ${shown}; see /api/v1/endpoints)`);
}
