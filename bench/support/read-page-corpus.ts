// The recorded requests pages that bench/read-page.ts times and bench/read-page-equality.ts checks: a folder of
// response bodies (N.bin) and an index.json listing {file, endpoint, contentType, status} for each, as a harvest
// of the simulator recorded them.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PageTask } from '../../pipelines/harvest/read-page.ts';
import { normalizationContextKey } from '../../pipelines/normalize/index.ts';
import type { Endpoint } from '../../pipelines/registry/types.ts';

interface IndexEntry {
  file: string;
  endpoint: Endpoint;
  contentType: string | null;
  status: number;
}

/** Every page of the corpus as the task a page worker would get (no known service names, no window). */
export function loadPageCorpus(dir: string): { name: string; task: PageTask }[] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as IndexEntry[];
  return index.map(({ file, endpoint, contentType, status }) => ({
    // The index names the folder it was recorded in; the bodies are read from wherever the folder is now.
    name: basename(file),
    task: {
      endpoint,
      status,
      contentType,
      bytes: new Uint8Array(readFileSync(join(dir, basename(file)))),
      serviceNames: new Map(),
      serviceCategories: new Map(),
      contextKey: normalizationContextKey(endpoint),
    },
  }));
}

/** The corpus folder: the first argument, else /tmp/norm-pages. */
export function corpusDirFromArgs(): string {
  return process.argv[2] ?? '/tmp/norm-pages';
}
