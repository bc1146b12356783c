import { aggregateSql } from './aggregate-sql.ts';
import type { CompileInput } from './base-rows.ts';
import { areaKeys, findSpec, type MetricKind, type MetricSpec } from './definitions.ts';
import { flowSql } from './flow-sql.ts';
import { kmSql } from './km-sql.ts';
import { MetricRequestError } from './metric-error.ts';
import { metricRequestSchema, type MetricRequest } from './request-schema.ts';
import { qualitySql } from './quality-sql.ts';
import { SqlParams } from './sql-params.ts';

const compilers: Record<MetricKind, (input: CompileInput) => string> = { aggregate: aggregateSql, km: kmSql, flow: flowSql, quality: qualitySql };

export interface CompiledMetric {
  spec: MetricSpec;
  request: MetricRequest;
  sql: string;
  params: SqlParams;
}

/** Checks a metric call against the schema and its definition, and compiles it to one SQL query. */
export function compileMetric({ request, asOf, dataTime, knownUntil }: { request: unknown; asOf: string; dataTime?: string; knownUntil?: Record<string, string> }): CompiledMetric {
  const parsed = metricRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MetricRequestError(issue.path.join('.') || 'request', `${issue.path.join('.') || 'request'}: ${issue.message}`);
  }
  const valid = parsed.data;
  const spec = findSpec(valid.metric);
  if (!spec) throw new MetricRequestError('metric', `unknown metric ${JSON.stringify(valid.metric)} (GET /api/v1/metrics lists them)`);
  checkGrouping(spec, valid);
  const params = new SqlParams();
  return { spec, request: valid, params, sql: compilers[spec.kind]({ spec, request: valid, asOf, params, dataTime, knownUntil }) };
}

function checkGrouping(spec: MetricSpec, request: MetricRequest): void {
  const keys = request.groupBy ?? [];
  const refused = keys.filter((key) => !spec.groupBy.includes(key));
  if (refused.length) throw new MetricRequestError('groupBy', `${spec.id} cannot be grouped by ${refused.join(', ')} (it can by ${spec.groupBy.join(', ')})`);
  if (new Set(keys).size !== keys.length) throw new MetricRequestError('groupBy', 'a group key is repeated');
  for (const key of spec.requires ?? []) {
    if (!keys.includes(key)) throw new MetricRequestError('groupBy', `${spec.id} needs groupBy to include ${key}`);
  }
  if (spec.requiresArea && !keys.some((key) => areaKeys.includes(key))) {
    throw new MetricRequestError('groupBy', `${spec.id} needs an area in groupBy: ${areaKeys.join(', ')}`);
  }
  if (keys.includes('period') !== Boolean(request.period)) {
    throw new MetricRequestError('period', keys.includes('period') ? 'groupBy period needs period (day, week, month, quarter or year)' : 'period is only used with groupBy period');
  }
  if (keys.includes('polygon') !== Boolean(request.polygons)) {
    throw new MetricRequestError('polygons', keys.includes('polygon') ? 'groupBy polygon needs polygons (a loaded polygon set id)' : 'polygons is only used with groupBy polygon');
  }
  if (request.h3Resolution !== undefined && !keys.includes('h3')) throw new MetricRequestError('h3Resolution', 'h3Resolution is only used with groupBy h3');
  // Open requests have no close source: keeping them while dropping the closes of other sources would count
  // those requests as never closing, and bias the estimate toward long times.
  if (spec.kind === 'km' && request.filters?.closedAtSource) {
    throw new MetricRequestError('filters.closedAtSource', `${spec.id} cannot filter on the close-time source: open requests have none, so leaving out the other sources' closes would bias the estimate (use ttc_closed, or filter endpoints whose closes all come from one source)`);
  }
}
