import { COMMON_HTML, CURRENCY, EntityDecoder } from '@nodable/entities';
import { Tokenizer } from 'htmlparser2';
import { BodyError } from './types.ts';

// Only xsi:nil survives attribute filtering: it is the one attribute that carries data (SF sends `<updated_datetime xsi:nil="true"/>`).
const NIL_ATTRIBUTE = /(^|:)nil$/;
const TEXT_KEY = '#text';
// Names that would reach Object.prototype through a plain object (a hostile body must not pollute it).
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
// Object.prototype method names are kept, renamed, so a record never shadows them.
const RENAMED_NAMES = new Set(['hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
// The first characters of those names. A name starting otherwise is in neither set, and is passed without looking it
// up: the lookups hash every element name, a tenth of the time a large document takes.
const SPECIAL_FIRST_CHARS = new Set([...FORBIDDEN_NAMES, ...RENAMED_NAMES].map((name) => name.charCodeAt(0)));

/** One open element while the document is read. */
interface OpenElement {
  /** The name as written in the open tag (`ns:name`), which its close tag repeats. */
  qualified: string;
  name: string;
  /**
   * Child name → value, or values when repeated; text goes under "#text" when there are children too. Made at the
   * first child: most elements hold text only.
   */
  children: Record<string, unknown> | undefined;
  /** Text segments read so far, each trimmed and decoded, concatenated. */
  text: string | undefined;
  nil: string | undefined;
}

/**
 * Validating parse: a truncated or malformed document (`<request></service_requests>`) is a BodyError, never a
 * partial tree. The tree is the one GeoReport readers expect: element name (namespace prefix dropped) → child, an
 * array when repeated; text-only elements are their (trimmed, entity-decoded) string, empty ones ''; attributes are
 * dropped except xsi:nil, which turns the element into null.
 *
 * htmlparser2's tokenizer (several times faster than a DOM-building parser) finds the markup; the strictness that
 * a lenient HTML tokenizer lacks — tags that must match, a document that must end — is checked here.
 */
export function parseXmlText({ text }: { text: string }): { root: string; value: unknown } {
  try {
    return readDocument(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new BodyError(`malformed or truncated XML: ${message}`);
  }
}

// Entities as XML, HTML (&nbsp;) and character references (&#228;); text is decoded after trimming.
const entities = new EntityDecoder({ namedEntities: { ...COMMON_HTML, ...CURRENCY }, numericAllowed: true });

function readDocument(xml: string): { root: string; value: unknown } {
  entities.reset();
  const stack: OpenElement[] = [];
  let root: { name: string; value: unknown } | undefined;
  let pendingText = '';
  let attribute: string | undefined;
  let attributeValue = '';

  /**
   * Text between two tags goes to the open element, trimmed, then decoded. Before the root only blanks may stand;
   * trailing text after it is ignored, as the parser this replaced did (a server's appended junk loses no records).
   */
  const flushText = () => {
    const trimmed = pendingText.trim();
    pendingText = '';
    if (trimmed.length === 0) return;
    const current = stack.at(-1);
    if (!current && root) return;
    if (!current) throw new Error(`text outside the root element: "${trimmed.slice(0, 40)}"`);
    const decoded = entities.decode(trimmed);
    current.text = current.text === undefined ? decoded : current.text + decoded;
  };

  const close = () => {
    const element = stack.pop()!;
    const value = valueOf(element);
    const parent = stack.at(-1);
    if (!parent) {
      root = { name: element.name, value };
      return;
    }
    const children = (parent.children ??= {});
    const existing = children[element.name];
    if (existing === undefined) children[element.name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else children[element.name] = [existing, value];
  };

  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      ontext: (start, end) => {
        pendingText += xml.slice(start, end);
      },
      ontextentity: () => undefined,
      onopentagname: (start, end) => {
        flushText();
        // The messages keep the wording of the parser this replaced (fast-xml-parser), which logs and tests know.
        const qualified = xml.slice(start, end);
        if (!stack.length && root) throw new Error(`Multiple possible root nodes found: ${root.name} and ${qualified}`);
        stack.push({ qualified, name: localName(qualified), children: undefined, text: undefined, nil: undefined });
      },
      onattribname: (start, end) => {
        attribute = xml.slice(start, end);
        attributeValue = '';
      },
      onattribdata: (start, end) => {
        attributeValue += xml.slice(start, end);
      },
      onattribentity: () => undefined,
      onattribend: () => {
        if (attribute !== undefined && NIL_ATTRIBUTE.test(attribute)) stack.at(-1)!.nil = entities.decode(attributeValue);
        attribute = undefined;
      },
      onopentagend: () => undefined,
      onselfclosingtag: () => close(),
      onclosetag: (start, end) => {
        flushText();
        const open = stack.at(-1);
        // The usual close tag repeats the open tag's name to the letter: its local name is then the open element's
        // (and was allowed), so the checks below would pass. Compared in place, without slicing the name out.
        if (open !== undefined && end - start === open.qualified.length && xml.startsWith(open.qualified, start)) {
          close();
          return;
        }
        const name = localName(xml.slice(start, end));
        if (!open) throw new Error(`Closing tag '${name}' has not been opened`);
        if (open.name !== name) throw new Error(`Expected closing tag '${open.name}' instead of closing tag '${name}'`);
        close();
      },
      oncdata: (start, end, endOffset) => {
        // CDATA is kept as written: not trimmed, not decoded.
        flushText();
        const current = stack.at(-1);
        if (!current) throw new Error('CDATA outside the root element');
        const data = xml.slice(start, end - endOffset);
        current.text = current.text === undefined ? data : current.text + data;
      },
      // Comments and a DOCTYPE carry no data (a comment does not even split the text around it); a processing
      // instruction ends a run of text, as it did before.
      oncomment: () => undefined,
      ondeclaration: () => undefined,
      onprocessinginstruction: () => flushText(),
      onend: () => undefined,
    },
  );
  tokenizer.write(xml);
  tokenizer.end();
  flushText();
  if (stack.length > 0) throw new Error(`Unclosed tag '${stack.at(-1)!.name}' at the end of the document`);
  if (!root) throw new Error('XML document has no root element');
  return { root: root.name, value: root.value };
}

/** `ns:name` → `name`; names that would reach Object.prototype are refused or renamed. */
function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  const name = colon === -1 ? qualified : qualified.slice(colon + 1);
  if (!SPECIAL_FIRST_CHARS.has(name.charCodeAt(0))) return name;
  if (FORBIDDEN_NAMES.has(name)) throw new Error(`element name "${name}" is not allowed`);
  return RENAMED_NAMES.has(name) ? `__${name}` : name;
}

/** An element's value: its text alone, '' when empty, else its children (text under '#text'); xsi:nil="true" → null. */
function valueOf(element: OpenElement): unknown {
  const { children, text, nil } = element;
  if (nil !== undefined && nil.trim().toLowerCase() === 'true') return null;
  // No child elements: what the general case below gives for children holding at most the text.
  if (children === undefined) return text !== undefined && text.length > 0 ? text : '';
  if (text !== undefined && text.length > 0) children[TEXT_KEY] = text;
  const keys = Object.keys(children);
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === TEXT_KEY) return children[TEXT_KEY];
  return children;
}
