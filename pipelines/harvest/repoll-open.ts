import type { RunContext } from './context.ts';
import { runQuery } from './run-query.ts';

/**
 * Asks again for every stored open request not seen in this run, by service_request_id lists: without an
 * updated_after filter this is how closures of older requests become visible.
 */
export async function repollOpen(ctx: RunContext): Promise<number> {
  const rows = await ctx.store.query<{ service_request_id: string }>(
    `SELECT service_request_id FROM service_requests WHERE endpoint_id = $1 AND status = 'open' ORDER BY requested_at`,
    [ctx.endpoint.id],
  );
  const ids = rows.map((row) => row.service_request_id).filter((id) => !ctx.sink.seenIds.has(id));
  const batch = Math.max(1, ctx.dialect.capabilities.idBatch);
  for (let i = 0; i < ids.length; i += batch) {
    await runQuery(ctx, { ids: ids.slice(i, i + batch) });
  }
  await ctx.sink.flush();
  return ids.length;
}
