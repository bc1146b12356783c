import { readdirSync, readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

const migrationsDir = new URL('./migrations/', import.meta.url);

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered `NNN-name.sql` files, in order. */
export function listMigrations(): Migration[] {
  return readdirSync(migrationsDir)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(new URL(file, migrationsDir), 'utf8'),
    }));
}

/** Applies every migration not yet recorded, each in its own transaction. Returns the versions applied. */
export async function applyMigrations({ connection }: { connection: DuckDBConnection }): Promise<number[]> {
  await connection.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
  );
  const done = await connection.runAndReadAll(`SELECT version FROM schema_migrations`);
  const applied = new Set(done.getRows().map(([version]) => Number(version)));
  const newlyApplied: number[] = [];
  for (const migration of listMigrations()) {
    if (applied.has(migration.version)) continue;
    await connection.run('BEGIN TRANSACTION');
    try {
      await connection.run(migration.sql);
      await connection.run(`INSERT INTO schema_migrations VALUES ($1, $2, now())`, [migration.version, migration.name]);
      await connection.run('COMMIT');
    } catch (error) {
      await connection.run('ROLLBACK');
      throw new Error(`migration ${migration.version}-${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
