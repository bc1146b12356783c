import { readFileSync } from 'node:fs';
import type { Store } from '../load/store.ts';

const learnSql = readFileSync(new URL('./learn-bbox.sql', import.meta.url), 'utf8');
type Bbox = [number, number, number, number];

/** Fewer located requests than this teach nothing reliable about where a city is. */
const minLocatedForBbox = 100;

/**
 * For an endpoint whose registry entry has no bbox: a box learned from its own stored coordinates (the 1st–99th
 * percentiles, widened by a quarter of their span and 0.02° on each side), learned once and then kept. A box that
 * moved with every harvest would change how every record is read, and every stored row would be rewritten.
 */
export async function learnBbox({ store, endpointId }: { store: Store; endpointId: string }): Promise<Bbox | null> {
  const [state] = await store.query<{ learned_bbox: number[] | null }>(`SELECT learned_bbox FROM harvest_state WHERE endpoint_id = $1`, [endpointId]);
  if (state?.learned_bbox) return state.learned_bbox as Bbox;
  const [box] = await store.query<{ located: number; west: number; south: number; east: number; north: number }>(learnSql, [endpointId]);
  if (!box || box.located < minLocatedForBbox) return null;
  const padLon = (box.east - box.west) / 4 + 0.02;
  const padLat = (box.north - box.south) / 4 + 0.02;
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const learned: Bbox = [
    round(Math.max(-180, box.west - padLon)),
    round(Math.max(-90, box.south - padLat)),
    round(Math.min(180, box.east + padLon)),
    round(Math.min(90, box.north + padLat)),
  ];
  await store.transaction((connection) =>
    connection.run(`UPDATE harvest_state SET learned_bbox = $2::DOUBLE[] WHERE endpoint_id = $1`, [endpointId, JSON.stringify(learned)]),
  );
  return learned;
}
