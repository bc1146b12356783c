import type { z } from 'zod';

/** One refused value: the key (with list index, e.g. `bbox[2]`) and why. */
export interface FieldProblem {
  field: string;
  reason: string;
}

// Keys people bring over from the servers lists (r311, open311status, node-open311) and what fed311 calls them.
const renamed: Record<string, string> = {
  jurisdiction: 'jurisdiction_id', root: 'base_url', url: 'base_url', endpoint: 'base_url', base: 'base_url',
  limit: 'page_size', requests_limit: 'page_size', tz: 'timezone', time_zone: 'timezone', vendor: 'dialect',
  deprecated: 'enabled: false (with a reason in notes)', rate_limit: 'rate_limit_per_minute', timeout: 'timeout_seconds',
  bounding_box: 'bbox', description: 'notes', key: 'api_key_env',
};

function unknownKeyReason(key: string): string {
  if (/key|token|secret|password/i.test(key) && key !== 'key') {
    return 'unknown key; secrets never go in the registry: put the name of an environment variable in api_key_env';
  }
  const hint = renamed[key];
  return hint ? `unknown key (did you mean ${hint}?)` : 'unknown key';
}

/** Plain words for a value's type, never the value itself (it may be a secret). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a non-finite number (.inf or .nan)';
  return `a ${typeof value}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index ? '.' : ''}${String(key)}`)).join('');
}

function typeReason(expected: string, value: unknown): string {
  const wanted = expected === 'string' ? 'text' : expected === 'int' ? 'a whole number' : `a ${expected}`;
  // YAML reads 12345 or true as non-text: quoting is the fix
  const quote = expected === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ' (quote it)' : '';
  return `expected ${wanted}, got ${describeValue(value)}${quote}`;
}

/** zod issues for one entry → one problem per refused key, in words an operator can act on. */
export function fieldProblems(issues: readonly z.core.$ZodIssue[], entry: unknown): FieldProblem[] {
  return issues.flatMap((issue): FieldProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldName([...issue.path, key]), reason: unknownKeyReason(key) }));
    }
    const value = valueAt(entry, issue.path);
    if (value === undefined && issue.path.length === 1) return [{ field: fieldName(issue.path), reason: 'required key is missing' }];
    const generic = issue.code === 'invalid_type' && issue.message.startsWith('Invalid input');
    return [{ field: fieldName(issue.path), reason: generic ? typeReason(issue.expected, value) : issue.message }];
  });
}
