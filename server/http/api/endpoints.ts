import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { readRows, type Row } from '../../../pipelines/load/store.ts';
import { endpointsResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';

const endpointsSql = readFileSync(new URL('./sql/endpoints.sql', import.meta.url), 'utf8');
const checksSql = readFileSync(new URL('./sql/latest-checks.sql', import.meta.url), 'utf8');
const qualitySql = readFileSync(new URL('./sql/latest-quality.sql', import.meta.url), 'utf8');

export function endpointsRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/endpoints',
      tag: 'endpoints',
      summary: 'Every endpoint: coverage box, volume, freshness, last run, uptime, latency, conformance, quality, license',
      query: z.strictObject({}),
      response: endpointsResponse,
      async handle(ctx) {
        const now = app.deps.now().toISOString();
        const [endpoints, checks, quality] = await app.pool.use(async (c) => [
          await readRows(c, endpointsSql, [now]),
          await readRows(c, checksSql),
          await readRows(c, qualitySql),
        ]);
        const checksBy = groupBy(checks, 'endpoint_id');
        const qualityBy = new Map(quality.map(({ endpoint_id, ...row }) => [endpoint_id, row]));
        ctx.body = { rows: endpoints.map((row) => endpointView(row, checksBy.get(row.endpoint_id) ?? [], qualityBy.get(row.endpoint_id) ?? null)) };
      },
    }),
  ];
}

function endpointView(row: Row, checks: Row[], quality: Row | null) {
  const pick = (prefix: string) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  const base = Object.fromEntries(Object.entries(row).filter(([k]) => !k.startsWith('last_run_') && !k.startsWith('uptime_')));
  const lastRun = row.last_run_run_id === null ? null : pick('last_run_');
  // Never checked: no row. Checked with nothing found: one row without a finding.
  const findings = checks.filter((c) => c.check_id !== null).map(({ endpoint_id: _e, checked_at: _c, ...f }) => f);
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const conformance = checks.length
    ? { checked_at: checks[0]!.checked_at, errors: count('error'), warnings: count('warning'), info: count('info'), findings }
    : null;
  return { ...base, last_run: lastRun, uptime: { days: 30, ...pick('uptime_') }, conformance, quality };
}

function groupBy(rows: Row[], key: string): Map<unknown, Row[]> {
  const out = new Map<unknown, Row[]>();
  for (const row of rows) out.set(row[key], [...(out.get(row[key]) ?? []), row]);
  return out;
}
