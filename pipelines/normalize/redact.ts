// Personal data inside free text (CONTRACT §1): e-mail addresses and phone numbers are replaced by a marker.
// Open311 text is full of numbers that are not phones (request ids like 12-01952587, dates, service codes), so a
// number counts as a phone only when it is written like one: a country prefix, phone-style groups, or a word
// such as "tel"/"phone"/"call"/"puhelin" just before it.

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// A digit run with the separators phone numbers use; judged by looksLikePhone.
const NUMBER_RUN = /(?<![\w@/])(?:\+|\b00)?\(?\d[\d ()./-]{4,}\d(?![\w/])/g;
const PHONE_WORD = /(?:tel(?:efon|ephone)?|phone|ph|call|fon|fax|puh(?:elin)?|tfn|nr|no)\.?\s*:?\s*$/i;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?:\D|$)/;

export const emailMarker = '[e-mail removed]';
export const phoneMarker = '[phone removed]';

export function redactPersonalData(text: string): string {
  if (!/\d{3}|@/.test(text)) return text;
  // EMAIL needs an "@"; without one its scan, which tries every run of name characters, can only fail.
  const withoutEmail = text.includes('@') ? text.replace(EMAIL, emailMarker) : text;
  return withoutEmail.replace(NUMBER_RUN, (match, offset: number, whole: string) =>
    looksLikePhone(match.trim(), whole.slice(Math.max(0, offset - 16), offset)) ? phoneMarker : match,
  );
}

function looksLikePhone(number: string, before: string): boolean {
  const digits = number.replace(/\D/g, '').length;
  if (digits < 6 || digits > 15 || DATE_LIKE.test(number)) return false;
  if (/^(?:\+|00)/.test(number)) return digits >= 8;
  if (PHONE_WORD.test(before)) return true;
  // Phone-style grouping: at least two separators (617-635-4500, 0221 221 0, (617) 635-4500, 09 310 1691).
  const groups = number.split(/[ ()./-]+/).filter(Boolean);
  return groups.length >= 3 && digits >= 7;
}
