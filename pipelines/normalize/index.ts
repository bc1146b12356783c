// Wire records → canonical rows (CONTRACT §1): everything that needs no judgement.
export { normalizeRequest, type NormalizeInput } from './normalize-request.ts';
export { categorize, type CategorizeInput } from './categorize.ts';
export { categorySlugs, taxonomy, taxonomyVersion } from './taxonomy.ts';
export { parseTimestamp } from './parse-timestamp.ts';
export { withoutPersonalFields, isPersonalKey } from './personal-fields.ts';
export type { CanonicalRequest, DetailedStatus, NoteEvent, NormalizeResult, RejectedRecord } from './types.ts';
export { normalizationContextKey, normalizeRulesVersion } from './context-key.ts';
