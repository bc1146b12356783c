import type { DetailedStatus } from './types.ts';

// Vendor status words → open/closed and a finer DetailedStatus. Keys are lower case with `_`/`-` read as spaces
// (FixMyStreet matches the same way). `status: null` marks words that only occur inside detailed states
// (Helsinki `…_REQUIRES_NO_ACTION`), never as a status of their own. One table, so a later refinement edits data only.
type Word = { readonly status: 'open' | 'closed' | null; readonly detailed: DetailedStatus | null };
export type StatusWord = { readonly status: 'open' | 'closed'; readonly detailed: DetailedStatus | null };

const WORDS = new Map<string, Word>([
  // open
  ['open', { status: 'open', detailed: null }],
  ['opened', { status: 'open', detailed: null }],
  ['submitted', { status: 'open', detailed: 'submitted' }],
  ['new', { status: 'open', detailed: 'submitted' }],
  ['received', { status: 'open', detailed: 'submitted' }],
  ['pending', { status: 'open', detailed: 'submitted' }],
  ['unconfirmed', { status: 'open', detailed: 'submitted' }],
  ['for triage', { status: 'open', detailed: 'submitted' }],
  ['acknowledged', { status: 'open', detailed: 'acknowledged' }],
  ['confirmed', { status: 'open', detailed: 'acknowledged' }],
  ['assigned', { status: 'open', detailed: 'acknowledged' }],
  ['allocated', { status: 'open', detailed: 'acknowledged' }],
  ['accepted', { status: 'open', detailed: 'acknowledged' }],
  ['planned', { status: 'open', detailed: 'scheduled' }],
  ['action scheduled', { status: 'open', detailed: 'scheduled' }],
  ['scheduled', { status: 'open', detailed: 'scheduled' }],
  ['investigating', { status: 'open', detailed: 'in_progress' }],
  ['in progress', { status: 'open', detailed: 'in_progress' }],
  ['in process', { status: 'open', detailed: 'in_progress' }],
  ['processing', { status: 'open', detailed: 'in_progress' }],
  ['handling', { status: 'open', detailed: 'in_progress' }],
  ['reopen', { status: 'open', detailed: 'reopened' }],
  // Mark-a-Spot's descriptive names (Köln, Bonn: German taxonomy terms)
  ['offen', { status: 'open', detailed: null }],
  ['neu', { status: 'open', detailed: 'submitted' }],
  ['eingegangen', { status: 'open', detailed: 'submitted' }],
  ['in prüfung', { status: 'open', detailed: 'acknowledged' }],
  ['in bearbeitung', { status: 'open', detailed: 'in_progress' }],
  ['wird bearbeitet', { status: 'open', detailed: 'in_progress' }],
  ['abgeschlossen', { status: 'closed', detailed: null }],
  ['erledigt', { status: 'closed', detailed: 'fixed' }],
  ['behoben', { status: 'closed', detailed: 'fixed' }],
  ['gelöst', { status: 'closed', detailed: 'fixed' }],
  ['nicht zuständig', { status: 'closed', detailed: 'referred' }],
  ['abgelehnt', { status: 'closed', detailed: 'rejected' }],
  ['duplikat', { status: 'closed', detailed: 'duplicate' }],
  ['reopened', { status: 'open', detailed: 'reopened' }],
  // closed
  ['closed', { status: 'closed', detailed: null }],
  ['archived', { status: 'closed', detailed: null }],
  ['processed', { status: 'closed', detailed: null }],
  ['cancelled', { status: 'closed', detailed: null }],
  ['canceled', { status: 'closed', detailed: null }],
  ['withdrawn', { status: 'closed', detailed: null }],
  ['fixed', { status: 'closed', detailed: 'fixed' }],
  ['resolved', { status: 'closed', detailed: 'fixed' }],
  ['completed', { status: 'closed', detailed: 'fixed' }],
  ['done', { status: 'closed', detailed: 'fixed' }],
  ['rejected', { status: 'closed', detailed: 'rejected' }],
  ['declined', { status: 'closed', detailed: 'rejected' }],
  ['invalid', { status: 'closed', detailed: 'rejected' }],
  ['duplicate', { status: 'closed', detailed: 'duplicate' }],
  ['not councils responsibility', { status: 'closed', detailed: 'referred' }],
  ['internal referral', { status: 'closed', detailed: 'referred' }],
  ['referred', { status: 'closed', detailed: 'referred' }],
  ['no further action', { status: 'closed', detailed: 'no_action' }],
  ['wont fix', { status: 'closed', detailed: 'no_action' }],
  // only inside detailed states and note summaries
  ['weitergeleitet', { status: null, detailed: 'referred' }],
  ['requires no action', { status: null, detailed: 'no_action' }],
  ['scheduled later', { status: null, detailed: 'scheduled' }],
]);

const SEPARATORS = /[\s_-]+/g;
const APOSTROPHES = /['’]/g;
const CACHE_LIMIT = 2000;
const wordCache = new Map<string, Word | null>();
const detailedCache = new Map<string, DetailedStatus | null>();

function keyOf(raw: string): string {
  return raw.replace(APOSTROPHES, '').replace(SEPARATORS, ' ').trim().toLowerCase();
}

function remember<T>(cache: Map<string, T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

const OPEN_STATES: ReadonlySet<DetailedStatus> = new Set(['submitted', 'acknowledged', 'in_progress', 'scheduled', 'reopened']);

/** The open/closed status a finer state implies on its own (`fixed` is closed, `in_progress` open). */
export function statusOfDetailed(detailed: DetailedStatus): 'open' | 'closed' {
  return OPEN_STATES.has(detailed) ? 'open' : 'closed';
}

/** The table entry of a status word used as a status (case-insensitive, `_` ≡ space), or null when it names no status. */
export function statusWord({ raw }: { raw: string }): StatusWord | null {
  let word = wordCache.get(raw);
  if (word === undefined) word = remember(wordCache, raw, WORDS.get(keyOf(raw)) ?? null);
  return word === null || word.status === null ? null : (word as StatusWord);
}

/** The most specific known phrase of one part: `PUBLIC_WORKS_COMPLETED_REQUIRES_NO_ACTION` → "requires no action". */
function detailedOfPart(part: string): DetailedStatus | null {
  const words = keyOf(part).split(' ');
  for (let start = 0; start < words.length; start++) {
    const entry = WORDS.get(words.slice(start).join(' '));
    if (entry?.detailed) return entry.detailed;
  }
  return null;
}

/** A vendor's finer state (Helsinki's comma-joined compound: the last part that maps wins) → DetailedStatus. */
export function detailedStatusFromRaw({ raw }: { raw: string }): DetailedStatus | null {
  const cached = detailedCache.get(raw);
  if (cached !== undefined) return cached;
  const parts = raw.split(',');
  let detailed: DetailedStatus | null = null;
  for (let i = parts.length - 1; i >= 0 && detailed === null; i--) detailed = detailedOfPart(parts[i] as string);
  return remember(detailedCache, raw, detailed);
}
