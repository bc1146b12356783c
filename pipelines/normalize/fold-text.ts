// Text → the folded form taxonomy terms are matched on, and taxonomy terms → regex sources (config/taxonomy.yaml header).

// Letters NFKD does not decompose into a base letter plus marks.
const LETTERS: Readonly<Record<string, string>> = { ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const SPECIAL = /[ßøæœłđðþı]/g;

/** Lower case, accents stripped (NFKD), ß → ss, every run of non-letters/digits one space, padded with a space each side. */
export function foldText(text: string): string {
  const plain = text.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(SPECIAL, (c) => LETTERS[c] ?? c);
  return ` ${plain.replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** A German umlaut term also stands for its ae/oe/ue spelling ("müll" matches "Muell"). */
function spellings(term: string): string[] {
  const lower = term.toLowerCase();
  if (!/[äöü]/.test(lower)) return [lower];
  return [lower, lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')];
}

/** Why a term cannot be compiled, or null. */
export function termProblem(term: string): string | null {
  const core = term.replace(/^\*/, '').replace(/\*$/, '');
  if (core.includes('*')) return `"${term}": "*" may only stand at the start or the end`;
  if (foldText(core).trim() === '') return `"${term}": has no letters or digits`;
  return null;
}

/** One term → regex sources over folded text: "word" whole words, "word*" prefix, "*word" suffix, "*word*" anywhere. */
export function termSources(term: string): string[] {
  const before = term.startsWith('*') ? '' : ' ';
  const after = term.endsWith('*') ? '' : ' ';
  const core = term.replace(/^\*/, '').replace(/\*$/, '');
  // folded text holds only [a-z0-9 ], so no regex escaping is needed
  return spellings(core).map((spelling) => `${before}${foldText(spelling).trim()}${after}`);
}
