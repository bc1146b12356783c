import type { Store } from './store.ts';
import type { Endpoint } from '../registry/types.ts';

/** Mirrors the registry into `endpoints` (an endpoint dropped from the registry stays, with its data). */
export async function syncEndpoints({ store, endpoints, now }: { store: Store; endpoints: readonly Endpoint[]; now: Date }): Promise<void> {
  if (endpoints.length === 0) return;
  await store.transaction(async (connection) => {
    for (const endpoint of endpoints) {
      await connection.run(
        `INSERT INTO endpoints VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::DOUBLE[], $10, $11::JSON, $12::TIMESTAMPTZ, $12::TIMESTAMPTZ)
         ON CONFLICT (endpoint_id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, jurisdiction_id = excluded.jurisdiction_id,
           dialect = excluded.dialect, format = excluded.format, timezone = excluded.timezone, license = excluded.license, bbox = excluded.bbox,
           enabled = excluded.enabled, config = excluded.config, updated_at = excluded.updated_at`,
        [
          endpoint.id, endpoint.name, endpoint.base_url, endpoint.jurisdiction_id ?? null, endpoint.dialect, endpoint.format,
          endpoint.timezone, endpoint.license ?? null, endpoint.bbox ? JSON.stringify(endpoint.bbox) : null, endpoint.enabled,
          JSON.stringify(endpoint), now.toISOString(),
        ],
      );
    }
  });
}
