import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Endpoint } from './types.ts';
import { RegistryError } from './error.ts';
import { describeValue, fieldProblems } from './issues.ts';
import { readDocument, type RegistryFormat } from './read-document.ts';
import { endpointSchema } from './schema.ts';

export { RegistryError } from './error.ts';
export { registryToYaml } from './to-yaml.ts';
export type { RegistryFormat } from './read-document.ts';

const formatsByExtension: Record<string, RegistryFormat> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The entries list: a top-level list, or `{ endpoints: [...] }`. Problems go to `problems`. */
function entriesOf(document: unknown, source: string, problems: string[]): unknown[] {
  if (Array.isArray(document)) return document;
  if (isMapping(document) && 'endpoints' in document) {
    for (const key of Object.keys(document).filter((name) => name !== 'endpoints')) {
      problems.push(`${source}: ${key}: unknown top-level key (only "endpoints" is allowed)`);
    }
    if (Array.isArray(document.endpoints)) return document.endpoints;
    problems.push(`${source}: endpoints: expected a list of entries, got ${describeValue(document.endpoints)}`);
    return [];
  }
  problems.push(`${source}: expected a list of endpoint entries (or { endpoints: [...] }), got ${describeValue(document)}`);
  return [];
}

function label(entry: unknown, index: number): string {
  const id = isMapping(entry) && typeof entry.id === 'string' ? entry.id : null;
  return id === null ? `entry ${index} (no id)` : `entry ${index} (id ${JSON.stringify(id.slice(0, 80))})`;
}

/** Parsed registry data → endpoints. Every problem in every entry is collected; any problem refuses the whole registry. */
function validate(document: unknown, source: string): Endpoint[] {
  const problems: string[] = [];
  const entries = entriesOf(document, source, problems);
  if (!problems.length && !entries.length) problems.push(`${source}: the registry lists no endpoints (at least one is needed)`);
  const endpoints: Endpoint[] = [];
  const firstIndexById = new Map<string, number>();
  entries.forEach((entry, index) => {
    const where = `${source}: ${label(entry, index)}`;
    if (!isMapping(entry)) {
      problems.push(`${where}: expected a mapping of keys, got ${describeValue(entry)}`);
      return;
    }
    const id = entry.id;
    if (typeof id === 'string') {
      const first = firstIndexById.get(id);
      if (first === undefined) firstIndexById.set(id, index);
      else problems.push(`${where}: id: duplicate: entry ${first} has the same id`);
    }
    const parsed = endpointSchema.safeParse(entry);
    if (parsed.success) endpoints.push(parsed.data);
    else problems.push(...fieldProblems(parsed.error.issues, entry).map(({ field, reason }) => `${where}: ${field}: ${reason}`));
  });
  if (problems.length) throw new RegistryError({ source, problems });
  return endpoints;
}

/** Parses registry text (YAML or JSON). Throws RegistryError listing every problem; nothing is half-loaded. */
export function parseRegistry({ text, format, source = 'registry' }: { text: string; format: RegistryFormat; source?: string }): Endpoint[] {
  return validate(readDocument({ text, format, source }), source);
}

/** Reads and validates a registry file; `.yaml`/`.yml` are YAML, `.json` is JSON. */
export async function loadRegistry({ path }: { path: string }): Promise<Endpoint[]> {
  const format = formatsByExtension[extname(path).toLowerCase()];
  if (!format) {
    throw new RegistryError({ source: path, problems: [`${path}: unknown registry file type (use .yaml, .yml or .json)`] });
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new RegistryError({ source: path, problems: [`${path}: cannot read the registry: ${reason}`] });
  }
  return parseRegistry({ text, format, source: path });
}
