import { VARCHAR } from '@duckdb/node-api';
import { checkListAnswer } from '../conformance/check-answer.ts';
import { appendColumns } from '../load/append.ts';
import { parseBody } from '../parse/index.ts';
import { categorize } from '../normalize/categorize.ts';
import type { RunContext } from './context.ts';

/** Fetches the services list into `services` (kept, never deleted: old requests still name old codes). */
export async function refreshServices(ctx: RunContext): Promise<void> {
  const { dialect, endpoint } = ctx;
  const raws = await ctx.client.get(dialect.servicesUrl(endpoint), (response) => {
    if (response.status >= 400) throw new Error(`services: HTTP ${response.status}`);
    const body = parseBody({ bytes: response.bytes, contentType: response.contentType, expected: endpoint.format });
    const items = dialect.readServices(body);
    const answer = { status: response.status, contentType: response.contentType, bytes: response.bytes, body, items, where: `GET ${response.url}` };
    checkListAnswer({ answer, list: 'services', observations: ctx.conformance.observations });
    ctx.conformance.servicesChecked = true;
    return items;
  });
  const rows = raws.map((raw) => dialect.toService(raw)).filter((s) => s.service_code !== undefined && s.service_code !== null);
  const text = (v: unknown) => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));
  const columns = [
    rows.map((s) => String(s.service_code)),
    rows.map((s) => text(s.service_name)),
    rows.map((s) => text(s.description)),
    rows.map((s) => text(s.metadata)),
    rows.map((s) => text(s.type)),
    rows.map((s) => text(s.keywords)),
    rows.map((s) => text(s.group)),
    rows.map((s) => categorize({
      serviceCode: text(s.service_code), serviceName: text(s.service_name), group: text(s.group), keywords: text(s.keywords),
      description: text(s.description), endpoint,
    })),
    rows.map((s) => JSON.stringify(s.extended)),
    rows.map((s) => JSON.stringify(s.raw ?? null)),
  ];
  const now = ctx.deps.now().toISOString();
  await ctx.store.transaction(async (connection) => {
    await connection.run(
      `CREATE TEMP TABLE IF NOT EXISTS stage_services (service_code VARCHAR, service_name VARCHAR, description VARCHAR, metadata VARCHAR,
         type VARCHAR, keywords VARCHAR, grp VARCHAR, category VARCHAR, extended VARCHAR, raw VARCHAR)`,
    );
    await connection.run('DELETE FROM stage_services');
    await appendColumns({ connection, table: 'stage_services', catalog: 'temp', types: columns.map(() => VARCHAR), columns });
    await connection.run(
      `INSERT INTO services
       SELECT DISTINCT ON (service_code) $1, service_code, service_name, description, TRY_CAST(lower(metadata) AS BOOLEAN), type, keywords, grp,
              category, CAST(extended AS JSON), CAST(raw AS JSON), $2::TIMESTAMPTZ, $2::TIMESTAMPTZ
       FROM stage_services
       ON CONFLICT (endpoint_id, service_code) DO UPDATE SET service_name = excluded.service_name, description = excluded.description,
         metadata = excluded.metadata, type = excluded.type, keywords = excluded.keywords, "group" = excluded."group",
         category = excluded.category, extended = excluded.extended, raw = excluded.raw, last_seen_at = excluded.last_seen_at`,
      [endpoint.id, now],
    );
    await connection.run(`UPDATE harvest_state SET services_fetched_at = $2::TIMESTAMPTZ WHERE endpoint_id = $1`, [endpoint.id, now]);
  });
}

/** The endpoint's services list as normalize uses it: names for records that omit one, and each code's category. */
export async function loadServiceCatalog(
  ctx: Pick<RunContext, 'store' | 'endpoint'>,
): Promise<{ names: Map<string, string>; categories: Map<string, string> }> {
  const rows = await ctx.store.query<{ service_code: string; service_name: string | null; category: string }>(
    `SELECT service_code, service_name, category FROM services WHERE endpoint_id = $1`,
    [ctx.endpoint.id],
  );
  return {
    names: new Map(rows.filter((row) => row.service_name !== null).map((row) => [row.service_code, row.service_name!])),
    categories: new Map(rows.map((row) => [row.service_code, row.category])),
  };
}
