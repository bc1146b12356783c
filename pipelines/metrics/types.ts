import type { MetricRequest } from './request-schema.ts';

export type { MetricRequest };
export type GroupKey = 'endpoint' | 'category' | 'service_code' | 'period' | 'h3' | 'district' | 'polygon';
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** What the API lists: a metric described in words, with the names of its values. */
export interface MetricDefinition {
  id: string;
  title: string;
  description: string;
  formula: string;
  unit: string;
  /** Names of the entries of MetricRow.values; `value` is the first. */
  values: string[];
  /** The group keys this metric can be grouped by. */
  groupBy: GroupKey[];
  /** The values nulled in a row whose n is below min_n: rates and durations (every value of such a metric), never exact tallies. */
  guardedValues: string[];
  caveats?: string[];
}

export interface MetricRow {
  group: Record<string, string | number | null>;
  n: number;
  value: number | null;
  values?: Record<string, number | null>;
  /**
   * n below min_n in a metric of rates or durations: value and values are null and the row is left out of rankings
   * and spreads. (A tally metric's rates, such as overdue_open's share, are nulled below min_n without suppressing
   * the row: the definition's guardedValues names them.)
   */
  suppressed: boolean;
  /** Rows grouped by endpoint: that endpoint's data license (METRICS.md: each comparison row names it); null when unknown. */
  license?: string | null;
}

export interface MetricResult {
  metric: string;
  definition: MetricDefinition;
  asOf: string;
  rows: MetricRow[];
  /** Figures over all rows (equity: spread and ratio between the slowest and fastest area). */
  summary?: Record<string, number | null>;
  /**
   * Endpoints last harvested successfully before as-of (a harvest failed since, or has not run yet), with that time:
   * what they had open is measured then (censored, aged), the last time its state was known. Absent when none.
   */
  known_until?: Record<string, string>;
}

/**
 * The HTTP API's JSON of a definition (GET /api/v1/metrics): the same fields with snake_case keys (CONTRACT: JSON
 * keys are snake_case). server/http/api/metrics.ts maps a MetricDefinition onto it; the dashboard reads it.
 */
export type MetricDefinitionJson = Omit<MetricDefinition, 'groupBy' | 'guardedValues'> & { group_by: MetricDefinition['groupBy']; guarded_values: string[] };

/** The HTTP API's JSON of one metric (GET /api/v1/metrics/{name}): a MetricResult with snake_case keys. */
export type MetricResultJson = Omit<MetricResult, 'definition' | 'asOf'> & { definition: MetricDefinitionJson; as_of: MetricResult['asOf'] };
