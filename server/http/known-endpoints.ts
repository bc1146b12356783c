import { readRows } from '../../pipelines/load/store.ts';
import { badParameter } from './errors.ts';
import { perGeneration } from './per-generation.ts';
import type { AppServices } from './services.ts';

/** The endpoint ids in the store, sorted; read again only after a write (a registry sync is one). */
export const endpointIds = perGeneration(async (app) => {
  const rows = await app.pool.use((c) => readRows<{ endpoint_id: string }>(c, 'SELECT endpoint_id FROM endpoints ORDER BY endpoint_id'));
  return rows.map((r) => r.endpoint_id);
});

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
  throw badParameter('endpoint', `no endpoint "${String(unknown)}" (known: ${someIds(ids)}; see /api/v1/endpoints)`);
}

/** Ids for a refusal: a registry of hundreds would make a message of hundreds, so the first 20, then how many more. */
export function someIds(ids: readonly string[]): string {
  return ids.length > 20 ? `${ids.slice(0, 20).join(', ')}, … ${ids.length - 20} more` : ids.join(', ') || 'none yet';
}
