import { z } from 'zod';
import { categorySlugs } from '../../../pipelines/normalize/taxonomy.ts';
import {
  computeMetric, dataTime, listMetrics, MetricRequestError,
  type MetricDefinition, type MetricDefinitionJson, type MetricRequest, type MetricResult, type MetricResultJson,
} from '../../../pipelines/metrics/index.ts';
import { badParameter, notFound, type ApiError } from '../errors.ts';
import { booleanText, intText, isoDateTime, optionalList, slug, text } from '../param-types.ts';
import { metricResponse, metricsResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';
import { dataHeaders, dataVersion } from './export/provenance.ts';
import { perGeneration } from '../per-generation.ts';

/** The metric tables' data time, read once per store write. */
const metricsDataTime = perGeneration((app) => app.pool.use((connection) => dataTime(connection)));

const groupKeys = ['endpoint', 'category', 'service_code', 'period', 'h3', 'district', 'polygon'] as const;

const query = z.strictObject({
  group_by: optionalList(z.enum(groupKeys, { error: `must be one of ${groupKeys.join(', ')}` }), { max: 7 }),
  period: z.enum(['day', 'week', 'month', 'quarter', 'year'], { error: 'must be day, week, month, quarter or year' }).optional(),
  h3_resolution: intText(0, 9).optional(),
  polygons: slug.optional().describe('a loaded polygon set id, with group_by=polygon'),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  endpoint: optionalList(slug),
  category: optionalList(z.enum(categorySlugs, { error: 'is not a category slug (see /api/v1/categories)' })),
  service_code: optionalList(text()),
  closed_at_source: optionalList(z.enum(['event', 'observed', 'updated_datetime'], { error: 'must be event, observed or updated_datetime' }), { max: 3 }),
  as_of: isoDateTime.optional().describe('default: the data time (the newest harvest the metrics were refreshed from); not after it'),
  min_n: intText(1, 100_000).optional(),
  include_duplicates: booleanText.optional(),
});

// MetricRequest field → the query parameter it came from, so a refusal names what the caller sent.
const parameterOf: Record<string, string> = {
  metric: 'name', groupBy: 'group_by', h3Resolution: 'h3_resolution', minN: 'min_n', asOf: 'as_of', includeDuplicates: 'include_duplicates',
  'filters.endpoints': 'endpoint', 'filters.categories': 'category', 'filters.serviceCodes': 'service_code',
  'filters.closedAtSource': 'closed_at_source', 'filters.from': 'from', 'filters.to': 'to',
};

/** The metrics of METRICS.md over the metrics engine (pipelines/metrics): their definitions, and one metric per call. */
export function metricsRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/metrics',
      tag: 'metrics',
      summary: 'The metric definitions: id, title, formula, unit, values, the group keys each takes',
      query: z.strictObject({}),
      response: metricsResponse,
      async handle(ctx) {
        ctx.body = { rows: listMetrics().map(definitionJson) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/metrics/{name}',
      tag: 'metrics',
      summary: 'One metric per group (n, value, values, suppressed below min_n)',
      pathParams: { name: 'metric id (GET /api/v1/metrics lists them)' },
      query,
      response: metricResponse,
      async handle(ctx, params) {
        // As of the data, not the server's clock: past the newest harvest, open requests would go on ageing (and be
        // censored later) with nothing known about them.
        const known = await metricsDataTime(app);
        if (params.as_of && params.as_of.getTime() > Date.parse(known)) {
          throw badParameter('as_of', `${params.as_of.toISOString()} is after the data (metrics refreshed through ${new Date(known).toISOString()}); nothing is known about what happened since`);
        }
        const request = { ...toMetricRequest(ctx.params.name!, params), asOf: (params.as_of ?? new Date(known)).toISOString() };
        ctx.set(dataHeaders(await dataVersion(app)));
        try {
          ctx.body = resultJson(await app.pool.use((connection) => computeMetric(connection, request, { dataTime: known })));
        } catch (error) {
          if (error instanceof MetricRequestError) throw refusal(error);
          throw error;
        }
      },
    }),
  ];
}

function toMetricRequest(name: string, params: z.output<typeof query>): MetricRequest {
  const filters = {
    from: params.from?.toISOString(),
    to: params.to?.toISOString(),
    endpoints: params.endpoint,
    categories: params.category,
    serviceCodes: params.service_code,
    closedAtSource: params.closed_at_source,
  };
  const definedFilters = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
  return {
    metric: name,
    groupBy: params.group_by,
    period: params.period,
    h3Resolution: params.h3_resolution,
    polygons: params.polygons,
    filters: Object.keys(definedFilters).length ? definedFilters : undefined,
    asOf: params.as_of?.toISOString(),
    minN: params.min_n,
    includeDuplicates: params.include_duplicates,
  };
}

// The engine's result and definitions are camelCase TypeScript; the API answers snake_case JSON keys (CONTRACT).
// Mapped key by key: group values, value names and summary names are data (already snake_case) and pass as they are.
function definitionJson(definition: MetricDefinition): MetricDefinitionJson {
  const { id, title, description, formula, unit, values, groupBy, guardedValues, caveats } = definition;
  return { id, title, description, formula, unit, values, group_by: groupBy, guarded_values: guardedValues, ...(caveats ? { caveats } : {}) };
}

function resultJson(result: MetricResult): MetricResultJson {
  return {
    metric: result.metric,
    definition: definitionJson(result.definition),
    as_of: result.asOf,
    rows: result.rows,
    ...(result.summary ? { summary: result.summary } : {}),
    ...(result.known_until ? { known_until: result.known_until } : {}),
  };
}

// The engine's field names (groupBy, filters.serviceCodes…) as words in its messages, not inside quoted caller text.
const engineField = new RegExp(
  `(?<![\\w.])(${Object.keys(parameterOf).filter((field) => field !== 'metric').map((field) => field.replace('.', '\\.')).join('|')})(?![\\w.])`,
  'g',
);

/** A refusal message in the caller's terms: the engine's field names become the query parameters they came from. */
function inParameterNames(message: string): string {
  return message
    .split(/("(?:[^"\\]|\\.)*")/)
    .map((part, i) => (i % 2 ? part : part.replace(engineField, (field) => parameterOf[field]!)))
    .join('');
}

function refusal(error: MetricRequestError): ApiError {
  const parameter = parameterOf[error.parameter] ?? error.parameter;
  const own = error.message.startsWith(`${error.parameter}:`) ? error.message.slice(error.parameter.length + 1).trim() : error.message;
  const message = inParameterNames(own);
  if (parameter === 'name' && /unknown metric/.test(message)) return notFound(`name: ${message}`, 'name');
  return badParameter(parameter, message);
}
