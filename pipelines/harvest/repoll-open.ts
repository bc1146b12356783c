import type { RunContext } from './context.ts';
import { pageSizeFor } from './page-size.ts';
import { runQuery } from './run-query.ts';
import { windowPass } from './window-pass.ts';

const dayMs = 86_400_000;

/**
 * Asks again for every stored open request not seen in this run: without an updated_after filter this is how
 * closures of older requests become visible. By service_request_id lists, or — when the server takes few ids per
 * call (FixMyStreet: one) and that would need more calls — by re-reading the requested_datetime windows from the
 * oldest open request up to `until` (where this run's trailing re-scan began). Returns how many were re-polled.
 */
export async function repollOpen(ctx: RunContext, { until }: { until: Date }): Promise<number> {
  const open = await ctx.store.query<{ service_request_id: string; requested_at: string }>(
    `SELECT service_request_id, requested_at FROM service_requests
     WHERE endpoint_id = $1 AND status = 'open' AND requested_at < $2::TIMESTAMPTZ ORDER BY requested_at`,
    [ctx.endpoint.id, until.toISOString()],
  );
  const unseen = open.filter((row) => !ctx.sink.seenIds.has(row.service_request_id));
  if (unseen.length === 0) return 0;
  const ids = unseen.map((row) => row.service_request_id);
  // Ordered by requested_at: the first is the oldest.
  const oldest = new Date(unseen[0]!.requested_at);
  if ((await windowCalls(ctx, oldest, until)) < Math.ceil(ids.length / ctx.dialect.capabilities.idBatch)) {
    ctx.counters.warnings.push(`re-polled ${ids.length} open requests by re-reading windows since ${oldest.toISOString()} (fewer calls than by id)`);
    // A re-read of old windows: no cursor moves.
    await windowPass({ ctx, kind: 'requested', from: oldest, to: until, cursorFor: () => ({}) });
    return ids.length;
  }
  const batch = Math.max(1, ctx.dialect.capabilities.idBatch);
  for (let i = 0; i < ids.length; i += batch) await runQuery(ctx, { ids: ids.slice(i, i + batch) });
  await ctx.sink.flush();
  return ids.length;
}

/** Calls a window re-read of [from, until) would take: the stored rows over what one call returns, plus the windows. */
async function windowCalls(ctx: RunContext, from: Date, until: Date): Promise<number> {
  const [{ n = 0 } = {}] = await ctx.store.query<{ n: number }>(
    `SELECT count(*) AS n FROM service_requests WHERE endpoint_id = $1 AND requested_at >= $2::TIMESTAMPTZ AND requested_at < $3::TIMESTAMPTZ`,
    [ctx.endpoint.id, from.toISOString(), until.toISOString()],
  );
  const caps = ctx.dialect.capabilities;
  // Non-paging windows are split to stay under the cap, so count them at about half full.
  const perCall = caps.paging === 'none' ? caps.cap / 2 : pageSizeFor(ctx.endpoint, caps);
  return Math.ceil(n / perCall) + Math.ceil((until.getTime() - from.getTime()) / (caps.windowDays * dayMs));
}
