import type { MetricRequest } from '../pipelines/metrics/index.ts';

/** Metric calls a dashboard makes, by family: typical groupings over the last year (or all history for flows). */
export function dashboardWorkload(asOf: Date): { family: string; request: MetricRequest }[] {
  const yearAgo = new Date(asOf.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  const quarterAgo = new Date(asOf.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const lastYear = { from: yearAgo };
  const calls: [string, MetricRequest][] = [
    ['ttc_km', { metric: 'ttc_km', groupBy: ['category'], filters: lastYear }],
    ['ttc_km', { metric: 'ttc_km', groupBy: ['endpoint', 'period'], period: 'month', filters: lastYear }],
    ['ttc_km', { metric: 'ttc_km', groupBy: ['endpoint'], filters: { ...lastYear, categories: ['pothole'] } }],
    ['ttc_closed', { metric: 'ttc_closed', groupBy: ['category'], filters: lastYear }],
    ['ttc_closed', { metric: 'ttc_closed', groupBy: ['endpoint', 'period'], period: 'month', filters: lastYear }],
    ['timeliness', { metric: 'on_time', groupBy: ['endpoint', 'category'], filters: lastYear }],
    ['timeliness', { metric: 'overdue_open', groupBy: ['endpoint'] }],
    ['timeliness', { metric: 'ttc_vs_target', groupBy: ['category'], filters: lastYear }],
    ['flow', { metric: 'opened', groupBy: ['endpoint', 'period'], period: 'week' }],
    ['flow', { metric: 'net_flow', groupBy: ['endpoint', 'period'], period: 'month', filters: lastYear }],
    ['flow', { metric: 'backlog', groupBy: ['category', 'period'], period: 'month' }],
    ['volume', { metric: 'volume', groupBy: ['category', 'period'], period: 'day', filters: { from: quarterAgo } }],
    ['volume', { metric: 'volume', groupBy: ['endpoint', 'period'], period: 'month' }],
    ['aging', { metric: 'aging', groupBy: ['endpoint'] }],
    ['aging', { metric: 'aging', groupBy: ['category'], filters: { endpoints: ['chicago'] } }],
    ['outcomes', { metric: 'outcome_mix', groupBy: ['endpoint', 'period'], period: 'month', filters: lastYear }],
    ['outcomes', { metric: 'duplicate_rate', groupBy: ['endpoint'], filters: lastYear }],
    ['outcomes', { metric: 'reopen_rate', groupBy: ['category'], filters: lastYear }],
    ['places', { metric: 'opened', groupBy: ['h3'], h3Resolution: 7, filters: { from: quarterAgo, endpoints: ['chicago'] } }],
    ['places', { metric: 'ttc_km', groupBy: ['district'], filters: { ...lastYear, endpoints: ['chicago'] } }],
    ['places', { metric: 'equity', groupBy: ['district'], filters: { ...lastYear, categories: ['pothole'] } }],
    ['quality', { metric: 'quality', groupBy: ['endpoint'] }],
  ];
  return calls.map(([family, request]) => ({ family, request: { ...request, asOf: asOf.toISOString() } }));
}
