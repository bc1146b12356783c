// The spec's own JSON examples write codes as bare numbers with leading zeros (`"service_code":006`, GEOREPORT §5.6),
// which JSON.parse refuses. This walks the text token by token (skipping string contents) and quotes such numbers,
// so "006" survives as the string it was meant to be.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Index just past the string starting at `i` (an opening quote); the text's end when unterminated. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) j += 2;
    else if (c === QUOTE) return j + 1;
    else j++;
  }
  return text.length;
}

/** Index just past the number token starting at `i` (digit or minus). */
function skipNumber(text: string, i: number): number {
  let j = i;
  if (text.charCodeAt(j) === MINUS) j++;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  if (text[j] === '.') {
    j++;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  }
  if (text[j] === 'e' || text[j] === 'E') {
    j++;
    if (text[j] === '+' || text[j] === '-') j++;
    while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/** Quotes numbers with leading zeros (`006` → `"006"`); returns null when the text has none. */
export function quoteLeadingZeroNumbers({ text }: { text: string }): string | null {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i);
      continue;
    }
    if (c === MINUS || isDigit(c)) {
      const end = skipNumber(text, i);
      const intStart = c === MINUS ? i + 1 : i;
      if (end - intStart > 1 && text.charCodeAt(intStart) === ZERO && isDigit(text.charCodeAt(intStart + 1))) {
        out += `${text.slice(copied, i)}"${text.slice(i, end)}"`;
        copied = end;
      }
      i = Math.max(end, i + 1);
      continue;
    }
    i++;
  }
  return copied === 0 ? null : out + text.slice(copied);
}
