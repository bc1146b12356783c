import type { ChartSpec } from './chart-spec';
import { compareTtc, compareVolume } from './specs/compare';
import { equity } from './specs/equity';
import { flow } from './specs/flow';
import { ttcByCategory } from './specs/ttc-by-category';
import { aging, outcomeMix } from './specs/value-bars';

export { embedPath, embedSnippet, refusedParams } from './embed';

/** Every chart the dashboard draws, by the id its embed URL uses. */
export const charts: Record<string, ChartSpec> = Object.fromEntries(
  [ttcByCategory, flow, aging, outcomeMix, compareTtc, compareVolume, equity].map((spec) => [spec.id, spec]),
);

/** The parameters a chart reads, picked from a page's URL. */
export function chartParams(spec: ChartSpec, search: URLSearchParams | Record<string, string>): Record<string, string> {
  const get = (key: string) => (search instanceof URLSearchParams ? search.get(key) : search[key]) ?? '';
  return Object.fromEntries(spec.params.map((key) => [key, get(key)]).filter(([, value]) => value !== ''));
}
