import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../pipelines/load/store.ts';

/** A real DuckDB file in a fresh temp folder; `cleanup` closes it and removes the folder. */
export async function tempStore(): Promise<{ store: Store; dir: string; path: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'fed311-test-'));
  const path = join(dir, 'fed311.duckdb');
  const store = await openStore({ path, memoryLimit: '512MB' });
  return {
    store,
    dir,
    path,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
