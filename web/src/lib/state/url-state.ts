/** A view's state lives in its URL (permalinks): each field reads from and writes to one query parameter. */
export type FieldKind = 'text' | 'list' | 'number';
export type Schema = Record<string, { kind: FieldKind; fallback: string | number | string[] }>;
export type StateOf<S extends Schema> = { [K in keyof S]: S[K]['fallback'] };

export function readState<S extends Schema>(schema: S, search: URLSearchParams): StateOf<S> {
  const state: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema)) {
    const raw = search.get(key);
    if (raw === null || raw === '') state[key] = field.fallback;
    else if (field.kind === 'list') state[key] = raw.split(',').filter(Boolean);
    else if (field.kind === 'number') state[key] = Number.isFinite(Number(raw)) ? Number(raw) : field.fallback;
    else state[key] = raw;
  }
  return state as StateOf<S>;
}

/** The query string for a state; fields at their fallback are left out so permalinks stay short. */
export function writeState<S extends Schema>(schema: S, state: StateOf<S>): string {
  const search = new URLSearchParams();
  for (const [key, field] of Object.entries(schema)) {
    const value = state[key];
    const text = Array.isArray(value) ? value.join(',') : String(value);
    const fallback = Array.isArray(field.fallback) ? field.fallback.join(',') : String(field.fallback);
    if (text !== fallback && text !== '') search.set(key, text);
  }
  const query = search.toString();
  return query ? `?${query}` : '';
}
