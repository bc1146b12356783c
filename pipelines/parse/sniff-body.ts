// Decides what a body is from its first characters: servers send HTML error pages and wrong content types (GEOREPORT §10.21).
export type BodyShape = 'json' | 'xml' | 'html' | 'empty' | 'other';

const HTML_START = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i;

/** Index of the first character that is not whitespace or a stray BOM. */
export function firstSignificant({ text }: { text: string }): number {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) break;
    i++;
  }
  return i;
}

export function sniffBody({ text, start }: { text: string; start: number }): BodyShape {
  if (start >= text.length) return 'empty';
  const c = text[start];
  if (c === '{' || c === '[') return 'json';
  if (c !== '<') return 'other';
  return HTML_START.test(text.slice(start, start + 2048)) ? 'html' : 'xml';
}

const TITLE = /<title[^>]*>([\s\S]{0,200}?)<\/title>/i;
const SPACES = /\s+/g;

/** A short, one-line excerpt of a body for error messages. */
export function snippetOf({ text, start }: { text: string; start: number }): string {
  return text.slice(start, start + 120).replace(SPACES, ' ').trim();
}

/** The <title> of an HTML page, which usually names the failure ("502 Bad Gateway"). */
export function htmlTitle({ text }: { text: string }): string | null {
  const m = TITLE.exec(text.slice(0, 8192));
  const title = m?.[1]?.replace(SPACES, ' ').trim();
  return title ? title : null;
}
