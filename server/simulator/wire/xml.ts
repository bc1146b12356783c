const special = /[&<>"]/;
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(text: string): string {
  return special.test(text) ? text.replace(/[&<>"]/g, (c) => entities[c] ?? c) : text;
}

/** Element name of one item of a list (GeoReport's Spark convention, reversed: notes → note, media_urls → media_url). */
function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/**
 * Spark-JSON value → XML. A list under a plural key becomes a container of singular items; a list under a
 * singular key (FixMyStreet's `recipient`) becomes repeated elements; null becomes an empty element.
 */
export function xmlElement(name: string, value: unknown, sortKeys = false): string {
  if (value === null || value === undefined || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    if (!name.endsWith('s')) return value.map((item) => xmlElement(name, item, sortKeys)).join('');
    const item = singular(name);
    return `<${name}>${value.map((v) => xmlElement(item, v, sortKeys)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (sortKeys) keys.sort();
    let inner = '';
    for (const key of keys) inner += xmlElement(key, (value as Record<string, unknown>)[key], sortKeys);
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: declaration, root, one child element per item. */
export function xmlDocument(args: { root: string; item: string; items: readonly unknown[]; sortKeys?: boolean; rootAttributes?: string }): string {
  let body = '';
  for (const entry of args.items) body += xmlElement(args.item, entry, args.sortKeys);
  return `<?xml version="1.0" encoding="utf-8"?>\n<${args.root}${args.rootAttributes ?? ''}>${body}</${args.root}>\n`;
}

/** An object as a document whose root is the object itself (discovery, service definition). */
export function xmlObjectDocument(root: string, value: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${xmlElement(root, value)}\n`;
}
