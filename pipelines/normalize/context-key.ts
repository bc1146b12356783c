import type { Endpoint } from '../registry/types.ts';
import { taxonomyVersion } from './taxonomy.ts';

/** Bump when a normalization rule changes, so stored rows are rewritten on their next sighting. */
export const normalizeRulesVersion = 3;

/** Everything besides the raw record that decides an endpoint's canonical rows. */
export function normalizationContextKey(endpoint: Endpoint): string {
  return JSON.stringify([
    normalizeRulesVersion, taxonomyVersion, endpoint.dialect, endpoint.timezone, endpoint.bbox ?? null, endpoint.category_overrides ?? null,
  ]);
}
