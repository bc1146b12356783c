/**
 * What a chart's selection is, for the end of its title ("— sim-chicago · pothole · 2026-01-01 to 2026-06-30"): a
 * title must say what it counts, since an embed or a download is seen without the page's filters.
 */
export function scopeLabel(p: Record<string, string>, keys: readonly ('endpoint' | 'category')[] = ['endpoint', 'category']): string {
  const parts = [...keys.map((key) => (p[key] ?? '').split(',').filter(Boolean).join(', ')), rangeLabel(p.from, p.to)].filter(Boolean);
  return parts.length ? ` — ${parts.join(' · ')}` : '';
}

/** `from` is inclusive and `to` exclusive (the API's requested_at ≥ from, < to): a date `to` is shown as the day before, the last one counted. */
export function rangeLabel(from: string | undefined, to: string | undefined): string {
  const last = to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) : null;
  const until = last ? `until ${last}` : to ? `before ${to}` : '';
  if (from && until) return `${from} to ${last ?? `before ${to}`}`;
  return from ? `from ${from}` : until;
}
