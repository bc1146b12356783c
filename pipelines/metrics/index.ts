// The service-performance metrics engine (docs/metrics.md): definitions as data, compiled to DuckDB SQL.
export type { GroupKey, MetricDefinition, MetricDefinitionJson, MetricResult, MetricResultJson, MetricRow, Period } from './types.ts';
export { metricRequestSchema, type MetricRequest } from './request-schema.ts';
export { listMetrics } from './definitions.ts';
export { computeMetric, dataTime, defaultMinN, type MetricsDb } from './compute-metric.ts';
export { MetricRequestError } from './metric-error.ts';
export { refreshMetrics, type RefreshOptions, type RefreshSummary } from './refresh-metrics.ts';
export { loadSlaConfig, parseSlaConfig, type SlaConfig } from './sla-config.ts';
export { loadPolygonSet, listPolygonSets, type PolygonSet } from './polygon-sets.ts';
