import { z } from 'zod';
import { categorySlugs } from '../../../pipelines/normalize/taxonomy.ts';
import { badParameter } from '../errors.ts';
import { bboxText, booleanText, checkRanges, isoDateTime, numberText, optionalList, slug, text } from '../param-types.ts';
import type { RequestFilter } from '../queries/request-filter.ts';

export const detailedStatuses = [
  'submitted', 'acknowledged', 'in_progress', 'scheduled', 'fixed', 'no_action', 'duplicate', 'referred', 'rejected', 'reopened',
] as const;

/** The request filters of /api/v1 (docs/api.md "Request filters"). */
export const requestFilterShape = {
  endpoint: optionalList(slug).describe('endpoint ids'),
  category: optionalList(z.enum(categorySlugs, { error: 'is not a category slug (see /api/v1/categories)' })).describe('taxonomy slugs'),
  service_code: optionalList(text()).describe('service codes'),
  status: z.enum(['open', 'closed'], { error: 'must be open or closed' }).optional(),
  detailed_status: optionalList(z.enum(detailedStatuses, { error: `must be one of ${detailedStatuses.join(', ')}` })),
  from: isoDateTime.optional().describe('requested_at ≥ from'),
  to: isoDateTime.optional().describe('requested_at < to'),
  updated_after: isoDateTime.optional().describe('updated_at ≥'),
  updated_before: isoDateTime.optional().describe('updated_at <'),
  bbox: bboxText.optional().describe('west,south,east,north'),
  lat: numberText(-90, 90).optional(),
  lon: numberText(-180, 180).optional(),
  radius: numberText(1, 50_000).optional().describe('metres around lat/lon, default 1000'),
  q: text().optional().describe('text search in description, address, service_name, status_notes'),
  district: optionalList(text()),
  include_duplicates: booleanText.optional().describe('false drops rows marked duplicate'),
};

type FilterParams = z.output<z.ZodObject<typeof requestFilterShape>>;

export function toRequestFilter(params: FilterParams): RequestFilter {
  if ((params.lat === undefined) !== (params.lon === undefined)) {
    const missing = params.lat === undefined ? 'lat' : 'lon';
    throw badParameter(missing, 'lat and lon go together');
  }
  if (params.radius !== undefined && params.lat === undefined) throw badParameter('radius', 'needs lat and lon');
  checkRanges(params, [['from', 'to'], ['updated_after', 'updated_before']]);
  return {
    endpoints: params.endpoint,
    categories: params.category,
    serviceCodes: params.service_code,
    statuses: params.status ? [params.status] : undefined,
    detailedStatuses: params.detailed_status,
    districts: params.district,
    requestedFrom: params.from,
    requestedBefore: params.to,
    updatedFrom: params.updated_after,
    updatedBefore: params.updated_before,
    bbox: params.bbox,
    near: params.lat !== undefined && params.lon !== undefined ? { lat: params.lat, lon: params.lon, radius: params.radius ?? 1000 } : undefined,
    q: params.q,
    excludeDuplicates: params.include_duplicates === false,
  };
}
