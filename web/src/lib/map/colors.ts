import type { ExpressionSpecification } from 'maplibre-gl';

export type ColorBy = 'days_open' | 'ttc' | 'category';

export const colorByOptions: { value: ColorBy; label: string }[] = [
  { value: 'days_open', label: 'Days open' },
  { value: 'ttc', label: 'Time to close' },
  { value: 'category', label: 'Category' },
];

/** Day thresholds shared by both duration scales (light = quick, dark = slow). */
export const dayBreaks = [1, 7, 30, 90];
export const dayColors = ['#fde0c5', '#facba6', '#f59e72', '#e4572e', '#8c2d04'];
export const missingColor = '#9aa5b1';
/** Categorical palette (ColorBrewer Set2 + Dark2) for the largest categories; the rest share the last colour. */
export const categoryColors = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#386cb0', '#f0027f', '#666666'];

/** Which feature property holds the value each mode colours by, on points and on hexagons. */
export function colorProperty(colorBy: ColorBy, kind: 'points' | 'hexagons'): string {
  if (colorBy === 'category') return 'category';
  if (colorBy === 'ttc') return kind === 'points' ? 'ttc_days' : 'median_ttc_days';
  return kind === 'points' ? 'days_open' : 'median_days_open';
}

export function colorExpression(colorBy: ColorBy, kind: 'points' | 'hexagons', categories: string[]): ExpressionSpecification {
  const property = colorProperty(colorBy, kind);
  if (colorBy === 'category') {
    const pairs = categories.slice(0, categoryColors.length - 1).flatMap((c, i) => [c, categoryColors[i]!]);
    if (pairs.length === 0) return ['literal', categoryColors.at(-1)!] as unknown as ExpressionSpecification;
    return ['match', ['coalesce', ['get', property], ''], ...pairs, categoryColors.at(-1)!] as unknown as ExpressionSpecification;
  }
  const steps = dayBreaks.flatMap((b, i) => [b, dayColors[i + 1]!]);
  return ['case', ['==', ['get', property], null], missingColor, ['step', ['to-number', ['get', property]], dayColors[0]!, ...steps]] as ExpressionSpecification;
}

export function categoryLegend(categories: string[]): { label: string; color: string }[] {
  const shown = categories.slice(0, categoryColors.length - 1).map((c, i) => ({ label: c, color: categoryColors[i]! }));
  return categories.length > shown.length ? [...shown, { label: 'other categories', color: categoryColors.at(-1)! }] : shown;
}

export function dayLegend(): { label: string; color: string }[] {
  const edges = [0, ...dayBreaks];
  return dayColors.map((color, i) => ({ color, label: i < dayBreaks.length ? `${edges[i]}–${edges[i + 1]} d` : `> ${edges[i]} d` })).concat({ color: missingColor, label: 'no value' });
}
