import { registryToYaml } from '../../pipelines/registry/load.ts';
import type { Endpoint } from '../../pipelines/registry/types.ts';
import type { SimEndpoint } from './federation.ts';
import { localDate } from './time/time-format.ts';

/** Registry entries pointing at the running simulator (CONTRACT §3), one per simulated endpoint. */
export function simRegistry(endpoints: readonly SimEndpoint[], originOf: (endpointId: string) => string): Endpoint[] {
  return endpoints.map((ep) => {
    const { city } = ep.dialect;
    const entry: Endpoint = {
      id: ep.id,
      name: city.name,
      base_url: `${originOf(ep.id)}${city.prefix}`,
      dialect: ep.dialect.id,
      format: city.format,
      timezone: city.timezone,
      rate_limit_per_minute: 6000,
      backfill_from: localDate(ep.from, city.timezone),
      bbox: [...city.bbox],
      license: 'simulated data, public domain',
      enabled: true,
      concurrency: 2,
      timeout_seconds: 2,
      schedule: '*/15 * * * *',
      trailing_days: 3,
      notes: city.notes,
    };
    if (city.jurisdictionId) entry.jurisdiction_id = city.jurisdictionId;
    if (city.pageSize) entry.page_size = city.pageSize;
    return entry;
  });
}

export function simRegistryYaml(endpoints: readonly Endpoint[], serverUrl: string): string {
  return registryToYaml({
    endpoints,
    header: `fed311 simulated federation at ${serverUrl} (generated; valid while the simulator runs)`,
  });
}
