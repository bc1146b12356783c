// Text tidying for canonical fields: line ends, runs of spaces, padding. HTML and entities are turned into text
// and personal data redacted in clean-text.ts, which ends with this tidy.

const LINE_ENDS = /\r\n?/g;
const SPACE_RUNS = /[ \t\f\v\u00a0]+/g;
const SPACE_AT_LINE_EDGES = / ?\n ?/g;
// Whatever any of the three patterns above would change: a CR, a space-like character other than the plain space
// (each becomes a space), two spaces in a row, a space next to a line end. Text with none of these passes through
// all three replacements unchanged (SPACE_AT_LINE_EDGES then only puts back each lone "\n" as it was).
const SOMETHING_TO_TIDY = /[\r\t\f\v\u00a0]| [ \n]|\n /;

/** Missing in any of the ways servers say it: absent, null, blank, or the text "null" left by XML→JSON converters (QUIRKS §3). */
export function isBlankish(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'string') return false;
  return isBlankOrNull(value.trim());
}

/**
 * '' or "null" in any case. Only a 4-character text can lower-case to "null" (lower-casing keeps the length of
 * every character but İ, which becomes "i" plus a combining dot), so other texts skip the lower-cased copy.
 */
function isBlankOrNull(trimmed: string): boolean {
  return trimmed === '' || (trimmed.length === 4 && trimmed.toLowerCase() === 'null');
}

function tidy(text: string): string | null {
  const tidied = SOMETHING_TO_TIDY.test(text) ? text.replace(LINE_ENDS, '\n').replace(SPACE_RUNS, ' ').replace(SPACE_AT_LINE_EDGES, '\n').trim() : text.trim();
  return isBlankOrNull(tidied) ? null : tidied;
}

/** A scalar as tidy text: CRLF→LF, inner runs of spaces folded, trimmed; blanks, objects and lists give null. */
export function tidyText(value: unknown): string | null {
  if (typeof value === 'string') return tidy(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  return null;
}

/** Ids and codes: text as sent (numbers → their decimal text), trimmed; blank → null. */
export function idText(value: unknown): string | null {
  if (typeof value === 'string') return isBlankish(value) ? null : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  return null;
}

const NAME_KEYS = ['name', 'label', 'title', 'recipient'];

/** Objects and lists flattened to one line of text: `{recipient:[a,b]}` → "a; b" (FixMyStreet agency_responsible). */
export function flattenText(value: unknown, depth = 0): string | null {
  if (value === null || typeof value !== 'object') return tidyText(value);
  if (depth > 4) return null;
  if (Array.isArray(value)) {
    const parts = value.map((item) => flattenText(item, depth + 1)).filter((part) => part !== null);
    return parts.length > 0 ? parts.join('; ') : null;
  }
  const record = value as Record<string, unknown>;
  for (const key of NAME_KEYS) if (key in record) return flattenText(record[key], depth + 1);
  return flattenText(Object.values(record), depth + 1);
}
