import { Conditions } from './sql-parts.ts';

/** Which canonical requests a query is about: the filters both APIs and the map routes share. */
export interface RequestFilter {
  endpoints?: string[];
  ids?: string[];
  categories?: string[];
  serviceCodes?: string[];
  statuses?: string[];
  detailedStatuses?: string[];
  districts?: string[];
  /** requested_at ≥ */
  requestedFrom?: Date;
  /** requested_at < */
  requestedBefore?: Date;
  /** requested_at ≤ (GeoReport's end_date is inclusive) */
  requestedThrough?: Date;
  updatedFrom?: Date;
  updatedBefore?: Date;
  bbox?: [number, number, number, number];
  near?: { lat: number; lon: number; radius: number };
  q?: string;
  excludeDuplicates?: boolean;
}

const metresPerDegree = 111_320;
const earthRadius = 6_371_008.8;

/** The filter as SQL conditions over `service_requests` (no alias). */
export function requestConditions(filter: RequestFilter): Conditions {
  const where = new Conditions()
    .in('endpoint_id', filter.endpoints)
    .in('service_request_id', filter.ids)
    .in('category', filter.categories)
    .in('service_code', filter.serviceCodes)
    .in('status', filter.statuses)
    .in('detailed_status', filter.detailedStatuses)
    .in('district', filter.districts);
  if (filter.requestedFrom) where.add('requested_at >= ?::TIMESTAMPTZ', filter.requestedFrom.toISOString());
  if (filter.requestedBefore) where.add('requested_at < ?::TIMESTAMPTZ', filter.requestedBefore.toISOString());
  if (filter.requestedThrough) where.add('requested_at <= ?::TIMESTAMPTZ', filter.requestedThrough.toISOString());
  if (filter.updatedFrom) where.add('updated_at >= ?::TIMESTAMPTZ', filter.updatedFrom.toISOString());
  if (filter.updatedBefore) where.add('updated_at < ?::TIMESTAMPTZ', filter.updatedBefore.toISOString());
  if (filter.bbox) {
    const [west, south, east, north] = filter.bbox;
    where.add('lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?', west, east, south, north);
  }
  if (filter.near) addNear(where, filter.near);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.add(
      `(description ILIKE ? ESCAPE '\\' OR address ILIKE ? ESCAPE '\\' OR service_name ILIKE ? ESCAPE '\\' OR status_notes ILIKE ? ESCAPE '\\')`,
      pattern, pattern, pattern, pattern,
    );
  }
  if (filter.excludeDuplicates) where.add('NOT is_duplicate');
  return where;
}

/** Within `radius` metres (haversine), after a box test that lets DuckDB skip row groups by their min/max. */
function addNear(where: Conditions, { lat, lon, radius }: { lat: number; lon: number; radius: number }): void {
  const dLat = radius / metresPerDegree;
  const dLon = radius / (metresPerDegree * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  where.add('lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?', lat - dLat, lat + dLat, lon - dLon, lon + dLon);
  where.add(
    `2 * ${earthRadius} * asin(sqrt(pow(sin(radians(lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(lat)) * pow(sin(radians(lon - ?) / 2), 2))) <= ?`,
    lat, lat, lon, radius,
  );
}
