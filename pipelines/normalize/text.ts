// Text tidying for canonical fields: line ends, runs of spaces, padding. HTML and entities are turned into text
// and personal data redacted in clean-text.ts, which ends with this tidy.

const LINE_ENDS = /\r\n?/g;
const SPACE_RUNS = /[ \t\f\v\u00a0]+/g;
const SPACE_AT_LINE_EDGES = / ?\n ?/g;
// What each pattern above would change, tested without replacing: LINE_ENDS only a CR; SPACE_RUNS a space-like
// character other than the plain space (each becomes a space) or two spaces in a row; SPACE_AT_LINE_EDGES a space
// next to a line end (a lone "\n" it only puts back as it was). Text without it passes that step unchanged.
const SPACE_TO_FOLD = /[\t\f\v\u00a0]| {2}/;
const SPACE_BESIDE_LINE_END = / \n|\n /;
// Any of the three: most text has none, and is only trimmed.
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
  const tidied = SOMETHING_TO_TIDY.test(text) ? tidySteps(text) : text.trim();
  return isBlankOrNull(tidied) ? null : tidied;
}

/** The three replacements and the trim, each replacement only when its step has something to change. */
function tidySteps(text: string): string {
  let tidied = text.includes('\r') ? text.replace(LINE_ENDS, '\n') : text;
  if (SPACE_TO_FOLD.test(tidied)) tidied = tidied.replace(SPACE_RUNS, ' ');
  if (SPACE_BESIDE_LINE_END.test(tidied)) tidied = tidied.replace(SPACE_AT_LINE_EDGES, '\n');
  return tidied.trim();
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
