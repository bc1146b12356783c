import { Document, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type { Endpoint } from './types.ts';
import { endpointDefaults } from './schema.ts';

/** Key order of an entry: CONTRACT §3 first, then the fed311 additions in types.ts order. */
export const registryKeyOrder = [
  'id', 'name', 'base_url', 'jurisdiction_id', 'dialect', 'format', 'timezone', 'api_key_env', 'page_size',
  'rate_limit_per_minute', 'backfill_from', 'bbox', 'license',
  'enabled', 'concurrency', 'timeout_seconds', 'schedule', 'trailing_days', 'notes', 'category_overrides',
] as const satisfies readonly (keyof Endpoint)[];

// Compile-time check: every Endpoint key has a place in the order.
const _everyKeyOrdered: [Exclude<keyof Endpoint, (typeof registryKeyOrder)[number]>] extends [never] ? true : never = true;

function isDefault(key: keyof Endpoint, value: unknown): boolean {
  return key in endpointDefaults && endpointDefaults[key as keyof typeof endpointDefaults] === value;
}

function plainEntry(endpoint: Endpoint): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  for (const key of registryKeyOrder) {
    const value = endpoint[key];
    if (value !== undefined && !isDefault(key, value)) entry[key] = value;
  }
  return entry;
}

type RegistryToYamlInput = readonly Endpoint[] | { endpoints: readonly Endpoint[]; header?: string };

// Array.isArray alone does not narrow a union with a readonly array
function isList(input: RegistryToYamlInput): input is readonly Endpoint[] {
  return Array.isArray(input);
}

/**
 * Endpoints → registry YAML that parseRegistry reads back to equal entries: keys in CONTRACT order, defaults left out.
 * Takes the list itself or `{ endpoints, header }` (header becomes a leading comment).
 */
export function registryToYaml(input: RegistryToYamlInput): string {
  const { endpoints, header } = isList(input) ? { endpoints: input, header: undefined } : input;
  const document = new Document(endpoints.map(plainEntry));
  visit(document, {
    Pair(_, pair) {
      // [west, south, east, north] on one line, as the contract writes it
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'bbox' && isSeq(pair.value)) pair.value.flow = true;
    },
  });
  if (isSeq(document.contents)) {
    document.contents.items.forEach((item, index) => {
      if (index > 0 && isMap(item)) item.spaceBefore = true;
    });
  }
  if (header) document.commentBefore = header.split('\n').map((line) => (line ? ` ${line}` : '')).join('\n');
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
