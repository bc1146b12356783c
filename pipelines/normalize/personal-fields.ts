// Personal fields are removed from `raw` and `extended` before anything is stored (CONTRACT §1).

const PERSONAL_KEYS = new Set([
  'email', 'first_name', 'last_name', 'phone', 'device_id', 'account_id', 'requestor_name', 'contact',
  // FixMyStreet's extended records and Mark-a-Spot's privileged output name the reporter too (GEOREPORT §7.8, §7.9).
  'contact_name', 'author',
]);
const SAYS_EMAIL_OR_PHONE = /e[-_ ]?mail|phone/i;
const MAX_DEPTH = 32;
const verdicts = new Map<string, boolean>();

export function isPersonalKey(key: string): boolean {
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = PERSONAL_KEYS.has(key.toLowerCase()) || SAYS_EMAIL_OR_PHONE.test(key);
    if (verdicts.size > 5000) verdicts.clear();
    verdicts.set(key, verdict);
  }
  return verdict;
}

/** Objects and arrays: what can hold keys. Anything else withoutPersonalFields returns as it is, so it is not called for it. */
function isObject(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/** A copy without personal keys at any depth; values without any are returned as they are (no copying). */
export function withoutPersonalFields<T>(value: T, depth = 0): T {
  if (!isObject(value) || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      if (!isObject(value[i])) continue;
      const next = withoutPersonalFields(value[i], depth + 1);
      if (next !== value[i]) (copy ??= value.slice())[i] = next;
    }
    return (copy ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(record)) {
    if (isPersonalKey(key)) {
      copy ??= { ...record };
      delete copy[key];
      continue;
    }
    if (!isObject(record[key])) continue;
    const next = withoutPersonalFields(record[key], depth + 1);
    if (next !== record[key]) (copy ??= { ...record })[key] = next;
  }
  return (copy ?? record) as T;
}
