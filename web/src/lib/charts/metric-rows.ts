import { getJson, type Fetch, type Params } from '../api';
import type { MetricResult } from '../types';
import type { ChartRow } from './chart-spec';

/** Calls /api/v1/metrics/<metric> and flattens each row (group keys, n, value, values, suppression) into one record. */
export async function metricRows(fetcher: Fetch, metric: string, params: Params): Promise<{ rows: ChartRow[]; result: MetricResult }> {
  const result = await getJson<MetricResult>(fetcher, `metrics/${metric}`, params);
  // Rows grouped by endpoint carry its license: a comparison across cities names each city's terms (METRICS.md).
  const rows = result.rows.map((row) => ({
    ...row.group, n: row.n, value: row.suppressed ? null : row.value, ...(row.suppressed ? {} : row.values), suppressed: row.suppressed ? 'yes' : 'no',
    ...(row.license !== undefined ? { license: row.license } : {}),
  }));
  return { rows, result };
}

/** What the figures rest on: suppressed groups, and whatever the chart adds. The data's as-of is the chart's freshness line (feeds.ts). */
export function sampleNote(result: MetricResult, extra = ''): string {
  const suppressed = result.rows.filter((r) => r.suppressed).length;
  const parts: string[] = [];
  if (suppressed) parts.push(`${suppressed} group${suppressed === 1 ? '' : 's'} with fewer requests than the minimum are suppressed (shown without a value).`);
  if (extra) parts.push(extra);
  return parts.join(' ');
}
