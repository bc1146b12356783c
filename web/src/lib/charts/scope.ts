/** Category slug → the taxonomy's display name ("street_repair" → "Street repair"), from /api/v1/categories. */
export type CategoryNames = Readonly<Record<string, string>>;

/** A category's display name, or its slug when the name is not known (the category list could not be read). */
export function categoryName(category: unknown, names: CategoryNames = {}): string {
  if (category === null || category === undefined) return 'no category';
  const slug = String(category);
  return Object.hasOwn(names, slug) ? names[slug]! : slug;
}

/** A comma list of categories (a `category` parameter) as their names, joined for people to read. */
export function categoryList(list: string | undefined, names: CategoryNames = {}): string {
  return (list ?? '').split(',').filter(Boolean).map((c) => categoryName(c, names)).join(', ');
}

/**
 * What a chart's selection is, for the end of its title ("— sim-chicago · Pothole · 2026-01-01 to 2026-06-30"): a
 * title must say what it counts, since an embed or a download is seen without the page's filters. Categories are
 * named as the taxonomy names them (the slug where `names` lacks one).
 */
export function scopeLabel(p: Record<string, string>, keys: readonly ('endpoint' | 'category')[] = ['endpoint', 'category'], names: CategoryNames = {}): string {
  const parts = [...keys.map((key) => (key === 'category' ? categoryList(p[key], names) : (p[key] ?? '').split(',').filter(Boolean).join(', '))), rangeLabel(p.from, p.to)].filter(Boolean);
  return parts.length ? ` — ${parts.join(' · ')}` : '';
}

/** `from` is inclusive and `to` exclusive (the API's requested_at ≥ from, < to): a date `to` is shown as the day before, the last one counted. */
export function rangeLabel(from: string | undefined, to: string | undefined): string {
  const last = to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : null;
  const until = last ? `until ${last}` : to ? `before ${to}` : '';
  if (from && until) return `${from} to ${last ?? `before ${to}`}`;
  return from ? `from ${from}` : until;
}
