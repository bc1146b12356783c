// Service → canonical category slug (CONTRACT §1, docs/taxonomy.md): registry override, then taxonomy rules field by field.
import type { Endpoint } from '../registry/types.ts';
import { foldText } from './fold-text.ts';
import { firstMatch } from './taxonomy.ts';

export interface CategorizeInput {
  serviceCode: string | null;
  serviceName: string | null;
  group?: string | null;
  /** The services list's keywords (comma-separated text as sent). */
  keywords?: string | null;
  /** The service's description, or a request's own text; consulted only when the service fields match nothing. */
  description?: string | null;
  endpoint: Endpoint;
}

// Rule results depend only on the service fields (overrides are applied before the cache), so one FIFO-bounded
// map serves every endpoint — and every page a worker reads, although each brings a fresh copy of its endpoint.
const CACHE_SIZE = 4096;
const cache = new Map<string, string>();
// Long citizen texts: the opening says what it is about, and matching stays cheap
const DESCRIPTION_CHARS = 400;

function matchOf(text: string | null | undefined): string | null {
  return text ? firstMatch(foldText(text)) : null;
}

/** Strongest field first; the first field with any match decides (name, then keywords, then group and code). */
function serviceCategory({ serviceCode, serviceName, group, keywords }: CategorizeInput): string {
  return matchOf(serviceName ?? serviceCode) ?? matchOf(keywords) ?? matchOf([group, serviceName === null ? null : serviceCode].filter(Boolean).join(' ')) ?? 'other';
}

/** The project taxonomy's category slug for a service (or a request of it). */
export function categorize(input: CategorizeInput): string {
  const { endpoint, serviceCode } = input;
  const overrides = endpoint.category_overrides;
  if (overrides && serviceCode !== null && Object.hasOwn(overrides, serviceCode)) return overrides[serviceCode] as string;
  const key = `${serviceCode}\u0000${input.serviceName}\u0000${input.group ?? ''}\u0000${input.keywords ?? ''}`;
  let category = cache.get(key);
  if (category === undefined) {
    category = serviceCategory(input);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, category);
  }
  if (category !== 'other' || !input.description) return category;
  return matchOf(input.description.slice(0, DESCRIPTION_CHARS)) ?? 'other';
}
