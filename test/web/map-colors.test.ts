import { describe, expect, test } from 'vitest';
import { assignCategoryColors, categoryColors, categoryLegend, otherCategoriesColor } from '../../web/src/lib/map/colors.ts';

const order = ['graffiti', 'illegal_posting', 'pothole', 'signage', 'park', 'street_cleaning', 'tree', 'noise', 'parking', 'litter', 'other'];

describe('category colours', () => {
  test('go to the categories with the most requests, not the first ones in taxonomy order', () => {
    const counts = { illegal_posting: 42, signage: 2149, park: 900, street_cleaning: 800, graffiti: 5, pothole: 300, tree: 20, noise: 10, parking: 7, litter: 6, other: 1 };
    const palette = assignCategoryColors(counts, [], order);
    expect(palette.map((p) => p.category)).toEqual(['signage', 'park', 'street_cleaning', 'pothole', 'illegal_posting', 'tree', 'noise', 'parking', 'litter']);
    expect(palette.map((p) => p.color)).toEqual(categoryColors.slice(0, 9));
    expect(palette.map((p) => p.color)).not.toContain(otherCategoriesColor);
  });

  test('a category that stays among the largest keeps its colour; a newcomer takes the colour freed', () => {
    const before = assignCategoryColors({ signage: 50, park: 40, pothole: 30 }, [], order);
    const after = assignCategoryColors({ park: 60, pothole: 55, tree: 50, signage: 0 }, before, order);
    const colorOf = (palette: typeof before, category: string) => palette.find((p) => p.category === category)?.color;
    expect(colorOf(after, 'park')).toBe(colorOf(before, 'park'));
    expect(colorOf(after, 'pothole')).toBe(colorOf(before, 'pothole'));
    expect(colorOf(after, 'tree')).toBe(colorOf(before, 'signage'));
    expect(after.map((p) => p.category)).toEqual(['park', 'pothole', 'tree']);
  });

  test('ties follow the category list, so the same data always gets the same colours', () => {
    const counts = Object.fromEntries(order.map((c) => [c, 10]));
    expect(assignCategoryColors(counts, [], order).map((p) => p.category)).toEqual(order.slice(0, 9));
  });

  test('the legend names the categories and counts those left in the grey', () => {
    const palette = assignCategoryColors({ signage: 3, park: 2 }, [], order);
    expect(categoryLegend(palette, { signage: 'Signs and road markings', park: 'Parks and green spaces' }, { signage: 3, park: 2, tree: 1, noise: 0 })).toEqual([
      { label: 'Signs and road markings', color: categoryColors[0] },
      { label: 'Parks and green spaces', color: categoryColors[1] },
      { label: 'other categories (1)', color: otherCategoriesColor },
    ]);
  });
});
