import type { PlotOptions } from '@observablehq/plot';
import type { Fetch } from '../api';

export type Cell = string | number | null;
/** A missing key reads as no value, like null. */
export type ChartRow = Partial<Record<string, Cell>>;

/** What a chart shows, as data: the same rows feed the plot, its data table and its CSV download. */
export interface ChartData {
  rows: ChartRow[];
  columns: { key: string; label: string; kind?: 'count' | 'days' | 'share' | 'text' }[];
  /** Said under the chart: the sample, suppression, the as-of instant. */
  note?: string;
}

/** One chart, declared once and drawn the same on its page and in its embed (/embed/<id>?<params>). */
export interface ChartSpec {
  id: string;
  /** The query parameters it reads; the embed URL carries exactly these. */
  params: readonly string[];
  title: (params: Record<string, string>) => string;
  /** Plain-language description, shown as the figure caption and read by screen readers. */
  description: string;
  caveat?: string;
  load: (fetcher: Fetch, params: Record<string, string>) => Promise<ChartData>;
  plot: (data: ChartData, width: number) => PlotOptions;
}
