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
/** Categorical palette (ColorBrewer Dark2, a blue and a cyan) for the largest categories; the rest share the last colour. */
export const categoryColors = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02', '#a6761d', '#386cb0', '#17becf', '#666666'];

/** Which feature property holds the value each mode colours by, on points and on hexagons. */
export function colorProperty(colorBy: ColorBy, kind: 'points' | 'hexagons'): string {
  if (colorBy === 'category') return 'category';
  if (colorBy === 'ttc') return kind === 'points' ? 'ttc_days' : 'median_ttc_days';
  return kind === 'points' ? 'days_open' : 'median_days_open';
}

/** A colour given to one category, in the order the legend lists them (most requests in view first). */
export interface CategoryColor {
  category: string;
  color: string;
}

/** Categories that get a colour of their own; every other category shares the palette's last colour. */
const categorySlots = categoryColors.length - 1;
export const otherCategoriesColor = categoryColors.at(-1)!;

/**
 * Colours for the categories with the most requests in view (counts over the current filters and bbox), not the
 * first ones in taxonomy order, which left a city's big categories in "other". A category that stays among the
 * largest keeps its colour (`previous`), so panning does not recolour the map; a newcomer takes a freed colour.
 * Ties go to the order of `order` (the category list), so the same data gives the same colours.
 */
export function assignCategoryColors(counts: Record<string, number>, previous: CategoryColor[], order: string[]): CategoryColor[] {
  const rank = (c: string) => (order.includes(c) ? order.indexOf(c) : order.length);
  const top = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a, n], [b, m]) => m - n || rank(a) - rank(b) || a.localeCompare(b))
    .slice(0, categorySlots)
    .map(([c]) => c);
  const kept = new Map(previous.filter((p) => top.includes(p.category)).map((p) => [p.category, p.color]));
  const free = categoryColors.slice(0, categorySlots).filter((color) => ![...kept.values()].includes(color));
  return top.map((category) => ({ category, color: kept.get(category) ?? free.shift()! }));
}

export function colorExpression(colorBy: ColorBy, kind: 'points' | 'hexagons', palette: CategoryColor[]): ExpressionSpecification {
  const property = colorProperty(colorBy, kind);
  if (colorBy === 'category') {
    const pairs = palette.flatMap((p) => [p.category, p.color]);
    if (pairs.length === 0) return ['literal', otherCategoriesColor] as unknown as ExpressionSpecification;
    return ['match', ['coalesce', ['get', property], ''], ...pairs, otherCategoriesColor] as unknown as ExpressionSpecification;
  }
  const steps = dayBreaks.flatMap((b, i) => [b, dayColors[i + 1]!]);
  return ['case', ['==', ['get', property], null], missingColor, ['step', ['to-number', ['get', property]], dayColors[0]!, ...steps]] as ExpressionSpecification;
}

/** The legend of a category colouring, with the taxonomy's names; "other categories" when some share the grey. */
export function categoryLegend(palette: CategoryColor[], labels: Record<string, string>, counts: Record<string, number> | null): { label: string; color: string }[] {
  const shown = palette.map((p) => ({ label: labels[p.category] ?? p.category, color: p.color }));
  const others = Object.entries(counts ?? {}).filter(([c, n]) => n > 0 && !palette.some((p) => p.category === c)).length;
  return others > 0 ? [...shown, { label: `other categories (${others})`, color: otherCategoriesColor }] : shown;
}

export function dayLegend(): { label: string; color: string }[] {
  const edges = [0, ...dayBreaks];
  return dayColors.map((color, i) => ({ color, label: i < dayBreaks.length ? `${edges[i]}–${edges[i + 1]} d` : `> ${edges[i]} d` })).concat({ color: missingColor, label: 'no value' });
}
