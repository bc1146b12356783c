import { compile, type HtmlToTextOptions } from 'html-to-text';
import { redactPersonalData } from './redact.ts';
import { tidyText } from './text.ts';

// Tags or character references: only such text goes through the HTML parser (it costs ~0.3 ms a string).
const LOOKS_LIKE_HTML = /<\/?[a-z][^>]*>|&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i;
const htmlOptions: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
  ],
};
// Compiled once: convert() would compile these options again on every call.
const htmlToText = compile(htmlOptions);
// HTML texts already converted. Servers that send HTML send it mostly in templated status notes (Köln: "<p>Guten
// Tag,&nbsp;</p><p>vielen Dank für Ihren Beitrag.</p>…", a dozen texts for a hundred requests), and the conversion
// depends on the text alone, so a repeated text is converted once. FIFO-bounded; long texts (rarely repeated) are
// not kept, so the cache holds a few MB at most.
const HTML_CACHE_SIZE = 512;
const HTML_CACHE_MAX_CHARS = 4000;
const convertedHtml = new Map<string, string | null>();

function htmlAsPlainText(html: string): string | null {
  const cached = convertedHtml.get(html);
  if (cached !== undefined) return cached;
  const text = tidyText(htmlToText(html));
  if (html.length <= HTML_CACHE_MAX_CHARS) {
    if (convertedHtml.size >= HTML_CACHE_SIZE) convertedHtml.delete(convertedHtml.keys().next().value as string);
    convertedHtml.set(html, text);
  }
  return text;
}

/** Text as plain text: HTML turned into text with a real parser (Mark-a-Spot's status notes), entities decoded, whitespace tidied. */
export function plainText(value: unknown): string | null {
  if (typeof value === 'string' && LOOKS_LIKE_HTML.test(value)) return htmlAsPlainText(value);
  return tidyText(value);
}

/** Free text written by people (descriptions, status notes, notices): plain text with e-mail addresses and phone numbers removed. */
export function freeText(value: unknown): string | null {
  const text = plainText(value);
  return text === null ? null : redactPersonalData(text);
}
