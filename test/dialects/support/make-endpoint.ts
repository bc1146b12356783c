import type { Endpoint } from '../../../pipelines/registry/types.ts';

/** A registry entry with plain defaults; tests override what they care about. */
export function makeEndpoint(overrides: Partial<Endpoint> & { id: string; dialect: string; timezone: string }): Endpoint {
  return {
    name: overrides.id,
    base_url: 'https://open311.example.org/v2/',
    format: 'json',
    enabled: true,
    concurrency: 1,
    timeout_seconds: 30,
    schedule: '*/15 * * * *',
    trailing_days: 7,
    ...overrides,
  };
}
