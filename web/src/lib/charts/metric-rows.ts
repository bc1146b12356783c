import { getJson, type Fetch, type Params } from '../api';
import type { MetricResult } from '../types';
import type { ChartRow } from './chart-spec';

/** Calls /api/v1/metrics/<metric> and flattens each row (group keys, n, value, values, suppression) into one record. */
export async function metricRows(fetcher: Fetch, metric: string, params: Params): Promise<{ rows: ChartRow[]; result: MetricResult }> {
  const result = await getJson<MetricResult>(fetcher, `metrics/${metric}`, params);
  const rows = result.rows.map((row) => ({ ...row.group, n: row.n, value: row.suppressed ? null : row.value, ...(row.suppressed ? {} : row.values), suppressed: row.suppressed ? 'yes' : 'no' }));
  return { rows, result };
}

export function asOfNote(result: MetricResult, extra = ''): string {
  const suppressed = result.rows.filter((r) => r.suppressed).length;
  const parts = [`As of ${result.as_of.slice(0, 16).replace('T', ' ')} UTC.`];
  if (suppressed) parts.push(`${suppressed} group${suppressed === 1 ? '' : 's'} with fewer requests than the minimum are suppressed (shown without a value).`);
  if (extra) parts.push(extra);
  return parts.join(' ');
}

/** A metric's period key as a Date when it is one (day/week/month starts), so time axes are real time axes. */
export function periodDate(period: unknown): Date | null {
  if (typeof period !== 'string') return null;
  const date = new Date(period.length === 7 ? `${period}-01T00:00:00Z` : period.length === 10 ? `${period}T00:00:00Z` : period);
  return Number.isNaN(date.getTime()) ? null : date;
}
