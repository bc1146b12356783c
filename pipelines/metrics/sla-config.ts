import { readFileSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DOUBLE, VARCHAR } from '@duckdb/node-api';
import { parse } from 'yaml';
import { z } from 'zod';
import { appendColumns } from '../load/append.ts';
import { readRows } from '../load/store.ts';
import { categorySlugs } from '../normalize/index.ts';

const defaultSlaPath = new URL('../../config/sla.yaml', import.meta.url);

const days = z.number().positive().max(3650);
const knownCategories = new Set<string>(categorySlugs);
const categoryTargets = z.record(z.string(), days).superRefine((targets, ctx) => {
  for (const category of Object.keys(targets)) {
    if (!knownCategories.has(category)) ctx.addIssue({ code: 'custom', path: [category], message: `unknown category (see config/taxonomy.yaml)` });
  }
});

const slaSchema = z.strictObject({
  version: z.literal(1),
  categories: categoryTargets.default({}),
  endpoints: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'an endpoint id (slug)'), categoryTargets).default({}),
});

export type SlaConfig = z.infer<typeof slaSchema>;

/** Parses sla.yaml text; a bad file is refused with the path of each wrong entry. */
export function parseSlaConfig({ text, source }: { text: string; source: string }): SlaConfig {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new Error(`${source}: not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  const result = slaSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new Error(`${source}: bad SLA config: ${problems.join('; ')}`);
  }
  return result.data;
}

export function loadSlaConfig(path: string | URL = defaultSlaPath): SlaConfig {
  return parseSlaConfig({ text: readFileSync(path, 'utf8'), source: String(path) });
}

/** The targets as rows of metric_sla; endpoint '*' holds the category defaults. */
export function slaRows(config: SlaConfig): { endpointId: string; category: string; days: number }[] {
  const rows = Object.entries(config.categories).map(([category, target]) => ({ endpointId: '*', category, days: target }));
  for (const [endpointId, targets] of Object.entries(config.endpoints)) {
    for (const [category, target] of Object.entries(targets)) rows.push({ endpointId, category, days: target });
  }
  return rows;
}

/** Replaces metric_sla with the config's targets (inside the caller's transaction); true when they changed. */
export async function saveSla(connection: DuckDBConnection, config: SlaConfig): Promise<boolean> {
  const rows = slaRows(config);
  const key = (r: { endpointId: string; category: string; days: number }) => `${r.endpointId}/${r.category}=${r.days}`;
  const stored = await readRows<{ endpointId: string; category: string; days: number }>(
    connection,
    `SELECT endpoint_id AS "endpointId", category, target_days AS days FROM metric_sla`,
  );
  if (stored.map(key).sort().join() === rows.map(key).sort().join()) return false;
  await connection.run('DELETE FROM metric_sla');
  await appendColumns({
    connection,
    table: 'metric_sla',
    types: [VARCHAR, VARCHAR, DOUBLE],
    columns: [rows.map((r) => r.endpointId), rows.map((r) => r.category), rows.map((r) => r.days)],
  });
  return true;
}
