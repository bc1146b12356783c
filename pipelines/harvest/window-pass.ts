import type { StatePatch } from '../load/harvest-state.ts';
import type { RunContext } from './context.ts';
import { runQuery } from './run-query.ts';

export type PassKind = 'requested' | 'updated';

/**
 * Walks [from, to) in windows on requested_datetime or updated_datetime, oldest first. A window whose answer may
 * be incomplete is halved and fetched again (servers cap silently); a complete one moves the cursor `cursorFor`
 * names, committed with the rows it covers, so a crash resumes at the last committed complete window.
 */
export async function windowPass({
  ctx,
  kind,
  from,
  to,
  initialWindowSeconds,
  cursorFor,
}: {
  ctx: RunContext;
  kind: PassKind;
  from: Date;
  to: Date;
  initialWindowSeconds?: number | null;
  cursorFor: (windowEnd: Date) => StatePatch;
}): Promise<void> {
  const caps = ctx.dialect.capabilities;
  const maxSeconds = caps.windowDays * 86_400;
  const minSeconds = ctx.options.minWindowSeconds;
  let width = Math.min(maxSeconds, Math.max(minSeconds, initialWindowSeconds ?? maxSeconds));
  let cursor = from.getTime();
  const end = to.getTime();

  while (cursor < end) {
    const windowEnd = Math.min(cursor + width * 1000, end);
    const window = { start: new Date(cursor), end: new Date(windowEnd) };
    const outcome = await runQuery(ctx, kind === 'requested' ? { requested: window } : { updated: { after: window.start, before: window.end } });
    const spanSeconds = (windowEnd - cursor) / 1000;
    if (!outcome.complete && spanSeconds > minSeconds) {
      width = Math.max(minSeconds, spanSeconds / 2);
      ctx.counters.windowsSplit++;
      continue;
    }
    if (!outcome.complete) {
      ctx.counters.warnings.push(`${kind} window ${window.start.toISOString()} … ${window.end.toISOString()}: ${outcome.reason}; kept what came`);
    }
    cursor = windowEnd;
    width = nextWidth({ spanSeconds, count: outcome.count, width, caps, minSeconds, maxSeconds });
    await ctx.sink.progress({ ...cursorFor(window.end), window_seconds: width });
  }
  await ctx.sink.flush();
}

/**
 * The next window's width. Without paging, a window that reaches the cap is wasted and fetched again in halves, so
 * windows are sized from the density just seen to come back about 60 % full; with paging, size only bounds the
 * query, so it grows back to the widest.
 */
function nextWidth({
  spanSeconds,
  count,
  width,
  caps,
  minSeconds,
  maxSeconds,
}: {
  spanSeconds: number;
  count: number;
  width: number;
  caps: { paging: string; cap: number };
  minSeconds: number;
  maxSeconds: number;
}): number {
  if (caps.paging !== 'none') return Math.min(maxSeconds, width * 2);
  const target = caps.cap * 0.6;
  const fitted = count > 0 ? spanSeconds * (target / count) : width * 2;
  // Density changes (nights, weekends, growth): never more than double at once.
  return Math.min(maxSeconds, Math.max(minSeconds, Math.min(fitted, width * 2)));
}
