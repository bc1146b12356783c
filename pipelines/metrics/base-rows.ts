import { groupColumns, type GroupColumn } from './group-columns.ts';
import type { MetricSpec } from './definitions.ts';
import type { SqlParams } from './sql-params.ts';
import type { MetricRequest } from './types.ts';

export interface CompileInput {
  spec: MetricSpec;
  request: MetricRequest;
  asOf: string;
  params: SqlParams;
  /** What the metric tables know up to, when the caller looked it up: an as-of before it is a past view. */
  dataTime?: string;
  /** Endpoints last harvested successfully before as-of, with that time (computeMetric's knownUntil). */
  knownUntil?: Record<string, string>;
}

export interface BaseRows {
  sql: string;
  groups: GroupColumn[];
  /** The as-of instant as a SQL parameter reference. */
  asOf: string;
}

/**
 * The requests a metric reads, one row each from metric_requests with its group columns and the facts measured at
 * as-of: is_closed, is_open, known_until, age_days. Filters and duplicates applied.
 */
export function baseRows({ spec, request, asOf, params, dataTime, knownUntil = {} }: CompileInput): BaseRows {
  const asOfSql = params.addInstant(asOf);
  // An endpoint whose harvests have failed since before as-of: its open requests are known open until its last
  // success, not beyond. Measuring them at as-of would age them, and censor them late, on no evidence.
  const lagging = Object.entries(knownUntil);
  const knownUntilSql = lagging.length
    ? `CASE f.endpoint_id ${lagging.map(([id, at]) => `WHEN ${params.add(id)} THEN ${params.addInstant(at)}`).join(' ')} ELSE ${asOfSql} END`
    : asOfSql;
  const anchor = spec.anchor === 'closed' ? 'f.closed_at' : 'f.requested_at';
  const groups = groupColumns({ keys: request.groupBy ?? [], period: request.period, h3Resolution: request.h3Resolution ?? 7, periodSource: spec.anchor === 'closed' ? 'f.closed_date' : 'f.requested_date' });
  const columns = [
    ...groups.map((g) => `${g.expr} AS ${g.name}`),
    'f.*',
    `${asOfSql} AS as_of`,
    `coalesce(f.closed_at <= ${asOfSql}, false) AS is_closed`,
    // Open at as-of: closed later, or no close time and an open status (closed without a time is neither).
    `coalesce(f.closed_at > ${asOfSql}, f.status = 'open') AS is_open`,
    // When the row's open state was last known: as-of, or its endpoint's last successful harvest before it.
    `${knownUntilSql} AS known_until`,
    `(epoch(${knownUntilSql}) - epoch(f.requested_at)) / 86400.0 AS age_days`,
  ];
  const joins = groups.some((g) => g.key === 'polygon') ? [polygonJoin(request, params)] : [];
  if (spec.updatesAsOf) {
    // metric_requests holds today's updated_at. For a past as-of, a request updated since then had its last update
    // before as-of in the status history (read only then: it is a scan of every event).
    const past = dataTime !== undefined && Date.parse(asOf) < Date.parse(dataTime);
    if (past) joins.push(`LEFT JOIN (SELECT endpoint_id, service_request_id, max(updated_at) AS updated_then FROM request_events WHERE updated_at <= ${asOfSql} GROUP BY ALL) u
      ON u.endpoint_id = f.endpoint_id AND u.service_request_id = f.service_request_id AND f.updated_at > ${asOfSql}`);
    columns.push(past ? `CASE WHEN f.updated_at <= ${asOfSql} THEN f.updated_at ELSE u.updated_then END AS updated_then` : 'f.updated_at AS updated_then');
  }
  const where = [`f.requested_at <= ${asOfSql}`, ...requestFilters({ spec, request, params, anchor })];
  // Plain conditions on one column, which DuckDB applies inside the scan (the metric's own filter comes later).
  if (spec.anchor === 'closed') where.push(`f.closed_at <= ${asOfSql}`);
  if (spec.openOnly) where.push(`(f.closed_at IS NULL OR f.closed_at > ${asOfSql})`);
  return {
    sql: `SELECT ${columns.join(', ')} FROM metric_requests f ${joins.join(' ')} WHERE ${where.join(' AND ')}`,
    groups,
    asOf: asOfSql,
  };
}

export function polygonJoin(request: MetricRequest, params: SqlParams): string {
  return `LEFT JOIN metric_request_polygons p ON p.set_id = ${params.add(request.polygons!)} AND p.endpoint_id = f.endpoint_id AND p.service_request_id = f.service_request_id`;
}

/** Conditions on metric_requests f for the request's filters; `anchor` (when given) takes the date range. */
export function requestFilters({ spec, request, params, anchor }: { spec: MetricSpec; request: MetricRequest; params: SqlParams; anchor?: string }): string[] {
  const filters = request.filters ?? {};
  const where: string[] = [];
  if (!request.includeDuplicates && !spec.withDuplicates) where.push('NOT f.duplicate');
  if (filters.endpoints) where.push(`list_contains(${params.addList(filters.endpoints)}, f.endpoint_id)`);
  if (filters.categories) where.push(`list_contains(${params.addList(filters.categories)}, f.category)`);
  if (filters.serviceCodes) where.push(`list_contains(${params.addList(filters.serviceCodes)}, f.service_code)`);
  // Requests closed by a close-time source not asked for are left out; open ones stay.
  if (filters.closedAtSource) where.push(`(f.closed_at_source IS NULL OR list_contains(${params.addList(filters.closedAtSource)}, f.closed_at_source))`);
  if (anchor && filters.from) where.push(`${anchor} >= ${params.addInstant(filters.from)}`);
  if (anchor && filters.to) where.push(`${anchor} < ${params.addInstant(filters.to)}`);
  return where;
}
