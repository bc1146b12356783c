import type { CompileInput } from './base-rows.ts';

/** The `quality` metric: each endpoint's newest endpoint_quality row computed by as-of. */
export function qualitySql({ spec, request, asOf, params }: CompileInput): string {
  const endpoints = request.filters?.endpoints;
  const where = [`computed_at <= ${params.addInstant(asOf)}`];
  if (endpoints) where.push(`list_contains(${params.addList(endpoints)}, endpoint_id)`);
  const values = spec.values.map((name) => `${name} AS v_${name}`);
  return `SELECT endpoint_id AS g_endpoint, requests AS n, ${values.join(', ')}
    FROM endpoint_quality WHERE ${where.join(' AND ')}
    QUALIFY row_number() OVER (PARTITION BY endpoint_id ORDER BY computed_at DESC, run_id DESC NULLS LAST) = 1
    ORDER BY endpoint_id`;
}
