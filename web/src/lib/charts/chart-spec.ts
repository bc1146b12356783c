import type { PlotOptions } from '@observablehq/plot';
import type { Fetch } from '../api';
import type { Freshness } from './freshness';
import type { CategoryNames } from './scope';

export type Cell = string | number | null;
/** A missing key reads as no value, like null. */
export type ChartRow = Partial<Record<string, Cell>>;

/** What a chart shows, as data: the same rows feed the plot, its data table and its CSV download. */
export interface ChartData {
  rows: ChartRow[];
  columns: { key: string; label: string; kind?: 'count' | 'days' | 'share' | 'text' }[];
  /** Said under the chart: the sample, suppression, partial periods. */
  note?: string;
  /** When the data shown last arrived, and which of its feeds are failing or stale (absent when unknown). */
  freshness?: Freshness;
  /** The taxonomy's names of the categories (slug → name) for the title, labels and tips; the rows and CSV keep the slugs. Empty or absent when the category list could not be read: the slugs are shown. */
  categoryNames?: CategoryNames;
}

/** One entry of a chart's legend: a filled swatch, or a line (dashed for what is only partly counted). */
export interface LegendItem {
  label: string;
  color: string;
  mark?: 'swatch' | 'line' | 'dashed';
}

/** One chart, declared once and drawn the same on its page and in its embed (/embed/<id>?<params>). */
export interface ChartSpec {
  id: string;
  /** The query parameters it reads; the embed URL carries exactly these, and refuses any other. */
  params: readonly string[];
  /** Parameters the chart reads as one of a few words (the API checks the rest), so a typo is refused rather than read as the default. */
  choices?: Record<string, readonly string[]>;
  /** The title; `names` (the loaded data's categoryNames) turns category slugs into the taxonomy's names, the slugs when absent. */
  title: (params: Record<string, string>, names?: CategoryNames) => string;
  /** Plain-language description, shown as the figure caption and read by screen readers. */
  description: string;
  caveat?: string;
  /** The embed snippet's starting height in pixels: what the embed takes 700 px wide with the most rows it draws. The snippet's script then follows the height the embed reports. */
  embedHeight: number;
  load: (fetcher: Fetch, params: Record<string, string>) => Promise<ChartData>;
  plot: (data: ChartData, width: number) => PlotOptions;
  /** Legend entries the plot's colour scale does not give (a median mark, dashed partial periods). */
  legend?: (data: ChartData) => LegendItem[];
}
