import { ApiError, notFound } from '../errors.ts';
import { endpointIds } from '../known-endpoints.ts';
import type { AppServices } from '../services.ts';

/**
 * The endpoint a GeoReport call is about: `jurisdiction_id` is an endpoint id, required when more than one endpoint
 * is loaded (GeoReport §2.7: missing → 400, unknown → 404).
 */
export async function resolveJurisdiction(app: AppServices, jurisdictionId: string | undefined): Promise<string> {
  const ids = await endpointIds(app);
  if (jurisdictionId === undefined) {
    if (ids.length === 1) return ids[0]!;
    throw new ApiError({
      status: 400,
      code: 'bad_parameter',
      message: `jurisdiction_id: required (fed311 federates ${ids.length} jurisdictions; each is an endpoint id listed at /api/v1/endpoints)`,
      parameter: 'jurisdiction_id',
    });
  }
  if (!ids.includes(jurisdictionId)) throw notFound(`jurisdiction_id: no jurisdiction "${jurisdictionId}" (see /api/v1/endpoints)`, 'jurisdiction_id');
  return jurisdictionId;
}
