import { observe, toFindings } from '../conformance/observations.ts';
import { recordFindings } from '../conformance/record-findings.ts';
import type { Deps } from '../deps.ts';
import { getDialect } from '../dialects/index.ts';
import type { Gates } from '../fetch/gates.ts';
import { createEndpointClient, defaultHttpOptions, type HttpOptions } from '../fetch/http-client.ts';
import { ensureState, updateState, type HarvestState } from '../load/harvest-state.ts';
import type { Store } from '../load/store.ts';
import type { Endpoint } from '../registry/types.ts';
import type { HarvestOptions, RunContext } from './context.ts';
import { normalizationContextKey, parseTimestamp } from '../normalize/index.ts';
import type { PageReader } from './page-reader.ts';
import { createRecordSink } from './record-sink.ts';
import { loadServiceCatalog, refreshServices } from './refresh-services.ts';
import { repollOpen } from './repoll-open.ts';
import { learnBbox } from '../quality/learn-bbox.ts';
import { refreshQuality } from '../quality/refresh-quality.ts';
import { refreshMetrics } from '../metrics/refresh-metrics.ts';
import { finishRun, startRun, type EndpointSummary } from './runs.ts';
import { windowPass } from './window-pass.ts';

const dayMs = 86_400_000;

/** Calls per minute allowed to an endpoint: the registry's, else its dialect's. */
export function rateOf(endpoint: Endpoint): number {
  return endpoint.rate_limit_per_minute ?? getDialect(endpoint.dialect).capabilities.rateLimitPerMinute;
}

/**
 * One run for one endpoint: a backfill until the windows reach the present, then incremental runs — an
 * updated_datetime change pass where the server filters on it, else a trailing re-scan plus a re-poll of open ids.
 * Never throws: failures end in the summary (and harvest_runs) so other endpoints carry on.
 */
export async function runEndpoint({
  endpoint,
  store,
  deps,
  gates,
  reader,
  options,
  http = defaultHttpOptions,
}: {
  endpoint: Endpoint;
  store: Store;
  deps: Deps;
  gates: Gates;
  reader: PageReader;
  options: HarvestOptions;
  http?: HttpOptions;
}): Promise<EndpointSummary> {
  const startedAt = deps.now();
  const dialect = getDialect(endpoint.dialect);
  // backfill_from is a day in the endpoint's own zone: its midnight there, not in UTC.
  const localMidnight = endpoint.backfill_from ? parseTimestamp({ value: `${endpoint.backfill_from}T00:00:00`, zone: endpoint.timezone }) : null;
  const backfillFrom = localMidnight ? new Date(localMidnight) : new Date(startedAt.getTime() - options.defaultBackfillDays * dayMs);
  const state = await ensureState({ store, endpointId: endpoint.id, backfillFrom });
  const mode = state.backfill_complete ? 'incremental' : 'backfill';
  const runId = await startRun({ store, endpointId: endpoint.id, mode, startedAt });
  const client = createEndpointClient({ endpoint, gate: gates.forEndpoint(endpoint, rateOf(endpoint)), deps, options: http });
  // Coordinates are checked against the registry's box, else the one learned from this endpoint's own data.
  const checked: Endpoint = endpoint.bbox || !state.learned_bbox ? endpoint : { ...endpoint, bbox: state.learned_bbox };
  const ctx: RunContext = {
    endpoint: checked,
    dialect,
    client,
    store,
    deps,
    runId,
    options,
    reader,
    serviceNames: new Map(),
    serviceCategories: new Map(),
    contextKey: normalizationContextKey(checked),
    counters: { pages: 0, windowsSplit: 0, warnings: [] },
    conformance: { observations: {}, servicesChecked: false },
    sink: createRecordSink({
      store,
      endpoint,
      runId,
      now: deps.now,
      batchSize: options.batchSize,
      logger: deps.logger,
      // Only incremental runs without an updated filter re-poll open requests, skipping those this run saw.
      trackSeen: mode === 'incremental' && !dialect.capabilities.updatedAfter,
    }),
  };

  let error: string | null = null;
  let repolled = 0;
  try {
    await refreshServicesIfStale(ctx, state);
    const catalog = await loadServiceCatalog(ctx);
    for (const [code, name] of catalog.names) ctx.serviceNames.set(code, name);
    for (const [code, category] of catalog.categories) ctx.serviceCategories.set(code, category);
    if (backfillFrom < new Date(state.backfill_from)) await extendBackfill(ctx, backfillFrom, new Date(state.backfill_from));
    if (mode === 'backfill') await backfill(ctx, state, startedAt);
    else repolled = await incremental(ctx, state, startedAt);
  } catch (caught) {
    error = (caught as Error).message;
    deps.logger.warn({ endpoint: endpoint.id, error }, 'harvest run failed');
    // Rows already fetched are kept; the cursor stays at the last complete window.
    await ctx.sink.flush().catch(() => undefined);
  }

  const totals = ctx.sink.totals;
  const finishedAt = deps.now();
  const summary: EndpointSummary = {
    endpoint_id: endpoint.id,
    run_id: runId,
    mode,
    outcome: error === null ? 'ok' : totals.seen > 0 ? 'partial' : 'failed',
    records_seen: totals.seen,
    inserted: totals.inserted,
    updated: totals.updated,
    unchanged: totals.unchanged,
    rejected: totals.rejected,
    events: totals.events,
    pages: ctx.counters.pages,
    http_calls: client.stats.calls,
    retries: client.stats.retries,
    bytes: client.stats.bytes,
    windows_split: ctx.counters.windowsSplit,
    repolled,
    seconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 10) / 100,
    error,
    warnings: ctx.counters.warnings,
  };
  await finishRun({ store, summary, finishedAt, latencyP50: median(client.stats.latenciesMs) });
  await refreshQuality({ store, endpointId: endpoint.id, runId, now: finishedAt }).catch((caught: Error) => {
    deps.logger.warn({ endpoint: endpoint.id, error: caught.message }, 'quality figures not refreshed');
  });
  await refreshMetrics(store, { endpointIds: [endpoint.id], now: finishedAt }).catch((caught: Error) => {
    deps.logger.warn({ endpoint: endpoint.id, error: caught.message }, 'metric tables not refreshed');
  });
  await recordConformance(ctx, finishedAt);
  if (!endpoint.bbox && !state.learned_bbox) await learnBbox({ store, endpointId: endpoint.id });
  await updateState({
    store,
    endpointId: endpoint.id,
    patch: error === null ? { last_run_id: runId, last_success_at: finishedAt.toISOString() } : { last_run_id: runId },
  });
  return summary;
}

async function refreshServicesIfStale(ctx: RunContext, state: HarvestState): Promise<void> {
  const maxAge = ctx.options.servicesMaxAgeHours * 3_600_000;
  const fetchedAt = state.services_fetched_at ? Date.parse(state.services_fetched_at) : 0;
  if (ctx.deps.now().getTime() - fetchedAt < maxAge) return;
  try {
    await refreshServices(ctx);
  } catch (error) {
    // Service names are a convenience; requests are harvested without them.
    ctx.counters.warnings.push(`services list not refreshed: ${(error as Error).message}`);
    observe(ctx.conformance.observations, 'services_unavailable', (error as Error).message);
    ctx.conformance.servicesChecked = true;
  }
}

/** This run's conformance findings replace the endpoint's previous ones; a run that read no page leaves them be. */
async function recordConformance(ctx: RunContext, checkedAt: Date): Promise<void> {
  if (ctx.counters.pages === 0) return;
  const { observations, servicesChecked } = ctx.conformance;
  await recordFindings({ store: ctx.store, endpointId: ctx.endpoint.id, runId: ctx.runId, checkedAt, findings: toFindings(observations), servicesChecked })
    .catch((caught: Error) => ctx.deps.logger.warn({ endpoint: ctx.endpoint.id, error: caught.message }, 'conformance findings not recorded'));
}

async function backfill(ctx: RunContext, state: HarvestState, startedAt: Date): Promise<void> {
  const from = new Date(state.backfill_until ?? state.backfill_from);
  await windowPass({
    ctx,
    kind: 'requested',
    from,
    to: startedAt,
    initialWindowSeconds: state.window_seconds,
    cursorFor: (windowEnd) => requestedCursor(ctx, windowEnd),
  });
  // Change passes start where the backfill's data ends, but never after this run began (changes made while
  // the backfill ran must still be asked for).
  const { maxUpdatedAt } = ctx.sink.watermarks();
  const [stored] = await ctx.store.query<{ max_updated: string | null }>(
    `SELECT max(updated_at) AS max_updated FROM service_requests WHERE endpoint_id = $1 AND updated_at <= $2::TIMESTAMPTZ`,
    [ctx.endpoint.id, startedAt.toISOString()],
  );
  const newest = [maxUpdatedAt, stored?.max_updated ?? null].filter((v): v is string => v !== null && v <= startedAt.toISOString()).sort().at(-1);
  await ctx.sink.progress({ backfill_complete: true, ...(newest ? { updated_cursor: newest } : {}) });
  await ctx.sink.flush();
}

/** An earlier backfill_from than the stored one (`harvest --backfill-from`): fetch the stretch before it first. */
async function extendBackfill(ctx: RunContext, from: Date, until: Date): Promise<void> {
  await windowPass({ ctx, kind: 'requested', from, to: until, cursorFor: () => ({}) });
  // The new start is recorded only once the whole stretch is in: a crash before that redoes it.
  await ctx.sink.progress({ backfill_from: from.toISOString() });
  await ctx.sink.flush();
}

async function incremental(ctx: RunContext, state: HarvestState, startedAt: Date): Promise<number> {
  const caps = ctx.dialect.capabilities;
  if (caps.updatedAfter && state.updated_cursor) {
    const from = new Date(Date.parse(state.updated_cursor) - ctx.options.updatedOverlapSeconds * 1000);
    ctx.sink.resetWatermarks();
    await windowPass({
      ctx,
      kind: 'updated',
      from,
      to: startedAt,
      cursorFor: (windowEnd) => {
        const { maxUpdatedAt, maxRequestedAt } = ctx.sink.watermarks();
        return {
          ...(maxUpdatedAt ? { updated_cursor: minIso(maxUpdatedAt, windowEnd.toISOString()) } : {}),
          ...(maxRequestedAt ? { max_requested_at: minIso(maxRequestedAt, windowEnd.toISOString()) } : {}),
        };
      },
    });
    return 0;
  }
  // Re-scan from where the data ends (not where the wall clock was), less the trailing days.
  const dataEnd = minIso(state.backfill_until ?? state.backfill_from, state.max_requested_at ?? state.backfill_until ?? state.backfill_from);
  const from = new Date(Date.parse(dataEnd) - ctx.endpoint.trailing_days * dayMs);
  await windowPass({ ctx, kind: 'requested', from, to: startedAt, cursorFor: (windowEnd) => requestedCursor(ctx, windowEnd) });
  return repollOpen(ctx, { until: from });
}

function requestedCursor(ctx: RunContext, windowEnd: Date) {
  const { maxRequestedAt } = ctx.sink.watermarks();
  const end = windowEnd.toISOString();
  return { backfill_until: end, ...(maxRequestedAt ? { max_requested_at: minIso(maxRequestedAt, end) } : {}) };
}

function minIso(a: string, b: string): string {
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
