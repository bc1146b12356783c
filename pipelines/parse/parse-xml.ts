import { XMLParser } from 'fast-xml-parser';
import { BodyError } from './types.ts';

// Only xsi:nil survives attribute filtering: it is the one attribute that carries data (SF sends `<updated_datetime xsi:nil="true"/>`).
const NIL_ATTRIBUTE = /(^|:)nil$/;
const NIL_KEY = '@_nil';

const parser = new XMLParser({
  ignoreAttributes: (name: string) => !NIL_ATTRIBUTE.test(name),
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  // Keep every value a string: "001" must not become 1.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Decodes numeric character references (&#228;) as well as the XML ones, in one pass.
  htmlEntities: true,
});

/** Turns `{ "@_nil": "true" }` into null and drops the attribute elsewhere; returns the same object when nothing changed. */
function resolveNil(node: unknown): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < node.length; i++) {
      const next = resolveNil(node[i]);
      if (next !== node[i]) (copy ??= node.slice())[i] = next;
    }
    return copy ?? node;
  }
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (NIL_KEY in record) {
    if (String(record[NIL_KEY]).trim().toLowerCase() === 'true') return null;
    const { [NIL_KEY]: _nil, ...rest } = record;
    const keys = Object.keys(rest);
    if (keys.length === 0) return '';
    if (keys.length === 1 && keys[0] === '#text') return rest['#text'];
    return resolveNil(rest);
  }
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    const next = resolveNil(record[key]);
    if (next !== record[key]) (copy ??= { ...record })[key] = next;
  }
  return copy ?? record;
}

/** Validating parse: a truncated document (`<request></service_requests>`) is a BodyError, never a partial tree. */
export function parseXmlText({ text }: { text: string }): { root: string; value: unknown } {
  let tree: Record<string, unknown>;
  try {
    tree = parser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BodyError(`malformed or truncated XML: ${message}`);
  }
  const roots = Object.keys(tree);
  if (roots.length !== 1) {
    throw new BodyError(roots.length === 0 ? 'XML document has no root element' : `XML document has several root elements (${roots.join(', ')})`);
  }
  const root = roots[0] as string;
  const value = text.includes('nil') ? resolveNil(tree[root]) : tree[root];
  return { root, value };
}
