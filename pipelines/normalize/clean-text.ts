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

/** Text as plain text: HTML turned into text with a real parser (Mark-a-Spot's status notes), entities decoded, whitespace tidied. */
export function plainText(value: unknown): string | null {
  if (typeof value === 'string' && LOOKS_LIKE_HTML.test(value)) return tidyText(htmlToText(value));
  return tidyText(value);
}

/** Free text written by people (descriptions, status notes, notices): plain text with e-mail addresses and phone numbers removed. */
export function freeText(value: unknown): string | null {
  const text = plainText(value);
  return text === null ? null : redactPersonalData(text);
}
