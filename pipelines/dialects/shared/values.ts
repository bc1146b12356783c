// Small readers for vendor values that may arrive as JSON types or as XML strings/trees.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/**
 * A list however it was sent: a JSON array, a single object, or an XML container (`<notes><note>…</note></notes>`
 * parses to `{ note: […] }`, or `{ note: {…} }` when there is one). `itemName` is the XML child element name.
 */
export function asList(value: unknown, itemName?: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null || value === '') return [];
  if (isRecord(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1) {
      const only = value[keys[0] as string];
      if (keys[0] === itemName) return Array.isArray(only) ? only : only === '' || only === null ? [] : [only];
      if (Array.isArray(only)) return only;
    }
  }
  return [value];
}

/** Scalars as trimmed text; blanks, objects and lists give null. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

/** JSON true or the XML/PHP text "true"/"1". */
export function isTrue(value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (typeof value !== 'string') return false;
  const word = value.trim().toLowerCase();
  return word === 'true' || word === '1';
}

/** Strings from a list of URLs or of objects carrying one (`{ media_url }`, `{ url }`). */
export function urlsOf(value: unknown, itemName?: string): string[] {
  const urls: string[] = [];
  for (const item of asList(value, itemName)) {
    const url = isRecord(item) ? textOf(item.media_url ?? item.url) : textOf(item);
    if (url !== null) urls.push(url);
  }
  return urls;
}
