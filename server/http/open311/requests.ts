import type { DuckDBConnection } from '@duckdb/node-api';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { rowObjects, runPrepared, type Row } from '../../../pipelines/load/store.ts';
import { badParameter, notFound } from '../errors.ts';
import { bboxText, booleanText, checkRanges, intText, isoDateTime, numberText, optionalList, slug, text } from '../param-types.ts';
import { requestConditions, type RequestFilter } from '../queries/request-filter.ts';
import type { Conditions } from '../queries/sql-parts.ts';
import { selectPage, type PageKey } from '../queries/request-page.ts';
import { geoReportRequestsResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';
import { categorySlugs } from '../../../pipelines/normalize/taxonomy.ts';
import { resolveJurisdiction } from './jurisdiction.ts';
import { extensionSelect, notesFor, specRequestSelect, withExtensions } from './request-view.ts';
import { formatParam, respond } from './wire.ts';

const defaultWindowDays = 90;
const specCap = 1000;
// Newest first, then id: deterministic pages (GeoReport §11).
export const open311Order = 'ORDER BY requested_at DESC, service_request_id';

const common = {
  jurisdiction_id: slug.optional().describe('an endpoint id; required when more than one endpoint is loaded'),
  api_key: text().optional().describe('accepted and ignored: every GET is keyless'),
  extensions: booleanText.optional().describe('true adds extended_attributes and notes (status history)'),
};

const listQuery = z.strictObject({
  ...common,
  service_request_id: optionalList(text(), { max: specCap }).describe('when given, every other filter is ignored'),
  service_code: optionalList(text()),
  start_date: isoDateTime.optional().describe('requested_datetime ≥ (inclusive); with neither date, the last 90 days'),
  end_date: isoDateTime.optional().describe('requested_datetime ≤ (inclusive)'),
  status: optionalList(z.enum(['open', 'closed'], { error: 'must be open or closed' })),
  page: intText(1, 1_000_000).optional().describe('1-based'),
  page_size: intText(1, specCap).optional().describe('default and max 1000'),
  updated_after: isoDateTime.optional(),
  updated_before: isoDateTime.optional(),
  bbox: bboxText.optional(),
  lat: numberText(-90, 90).optional(),
  long: numberText(-180, 180).optional(),
  radius: numberText(1, 50_000).optional().describe('metres, default 1000'),
  category: optionalList(z.enum(categorySlugs, { error: 'is not a category slug (see /api/v1/categories)' })),
  q: text().optional(),
});

export function open311RequestRoutes(app: AppServices) {
  // Totals by filter and store generation: a client walking pages 1, 2, 3… of one filter counts once while nothing
  // is written (the count is the dearer half of a call: 12 ms of CPU for a 90-day city window of a 10M store).
  const totals = new LRUCache<string, number>({ max: 512 });
  // The last row of each page read, by filter, page size, page and generation: page n + 1 then starts after that
  // row instead of skipping n pages of rows (an OFFSET that grows with n). Same rows while nothing is written.
  const pageEnds = new LRUCache<string, PageKey>({ max: 4096 });

  /**
   * A page and the number of all matches (X-Total-Count), on one read connection. The two come from one snapshot
   * (a read transaction): a harvest committing between them cannot make the total disagree with the page, nor the
   * Link to the next page. A total counted at the current generation is reused when no write lands while the page
   * is read.
   */
  function countedPage(query: PageQuery): Promise<{ rows: Row[]; total: number }> {
    const { where, limit, page } = query;
    const filterKey = `${where.where()}\u0000${JSON.stringify(where.params)}`;
    const endKey = (generation: number, n: number) => `${generation} ${limit} ${n} ${filterKey}`;
    // The end of the nearest page before this one that was read at this generation, if one of the last 64 was: a
    // walk on parallel connections asks for page n + 1 before page n is read.
    const nearestEnd = (generation: number, page: number): PageQuery['after'] => {
      for (let before = page - 1; before >= Math.max(1, page - 64); before -= 1) {
        const key = pageEnds.get(endKey(generation, before));
        if (key) return { key, page: before };
      }
      return undefined;
    };
    return app.pool.use(async (c) => {
      const generation = app.store.generation();
      const read = async (): Promise<Row[]> => {
        const { rows, last } = await readPage(c, { ...query, after: nearestEnd(generation, page) });
        if (last && rows.length === limit && app.store.generation() === generation) pageEnds.set(endKey(generation, page), last);
        return rows;
      };
      const known = totals.get(`${generation} ${filterKey}`);
      if (known !== undefined) {
        const rows = await read();
        if (app.store.generation() === generation) return { rows, total: known };
        // A write landed while the page was read: count again, with the page, in one snapshot.
      }
      await c.run('BEGIN TRANSACTION');
      try {
        const before = app.store.generation();
        const total = rowObjects<{ total: number }>(await runPrepared(c, `SELECT count(*) AS total FROM service_requests ${where.where()}`, where.params))[0]!.total;
        const rows = await read();
        if (app.store.generation() === before) totals.set(`${before} ${filterKey}`, total);
        return { rows, total };
      } finally {
        // Nothing was written: ending the read transaction either way is the same.
        await c.run('ROLLBACK');
      }
    });
  }

  return [
    defineRoute({
      method: 'get',
      path: '/open311/v2/requests.{format}',
      tag: 'open311',
      summary: 'GeoReport v2 GET Service Requests, federated (spec filters plus paging, change feed and place extensions)',
      pathParams: { format: 'json or xml' },
      query: listQuery,
      response: geoReportRequestsResponse,
      async handle(ctx, params) {
        const format = formatParam(ctx);
        const endpointId = await resolveJurisdiction(app, params.jurisdiction_id);
        const filter = toFilter(params, endpointId, app.deps.now());
        const where = requestConditions(filter);
        const pageSize = params.page_size ?? specCap;
        const page = params.page ?? 1;
        const { rows, total } = await countedPage({ endpointId, where, limit: pageSize, page, extensions: params.extensions === true });
        ctx.set('X-Total-Count', String(total));
        ctx.set('X-Page', String(page));
        ctx.set('X-Page-Size', String(pageSize));
        if (page * pageSize < total) {
          const next = new URL(ctx.href);
          next.searchParams.set('page', String(page + 1));
          ctx.set('Link', `<${next.pathname}${next.search}>; rel="next"`);
        }
        respond({ ctx, format, root: 'service_requests', body: rows });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/open311/v2/requests/{service_request_id}.{format}',
      tag: 'open311',
      summary: 'GeoReport v2 GET Service Request: one request (a one-element list)',
      pathParams: { service_request_id: 'the id as the source sent it', format: 'json or xml' },
      query: z.strictObject(common),
      response: geoReportRequestsResponse,
      async handle(ctx, params) {
        const format = formatParam(ctx);
        const endpointId = await resolveJurisdiction(app, params.jurisdiction_id);
        const id = ctx.params.service_request_id!;
        const where = requestConditions({ endpoints: [endpointId], ids: [id] });
        const { rows } = await app.pool.use((c) => readPage(c, { endpointId, where, limit: 1, page: 1, extensions: params.extensions === true }));
        if (rows.length === 0) throw notFound(`service_request_id: no request "${id}" in jurisdiction "${endpointId}"`, 'service_request_id');
        respond({ ctx, format, root: 'service_requests', body: rows });
      },
    }),
  ];
}

interface PageQuery {
  endpointId: string;
  where: Conditions;
  limit: number;
  /** 1-based; read as an offset unless `after` is given. */
  page: number;
  /** The last row of an earlier page: this page is read after it (in open311Order), skipping only the pages between. */
  after?: { key: PageKey; page: number };
  extensions: boolean;
}

/** One page of requests on a read connection, and its last row's key; with extensions, each with its notes from the status history. */
async function readPage(c: DuckDBConnection, { endpointId, where, limit, page, after, extensions }: PageQuery): Promise<{ rows: Row[]; last: PageKey | undefined }> {
  const select = extensions ? `${specRequestSelect}, ${extensionSelect}` : specRequestSelect;
  const { rows, keys } = await selectPage({
    connection: c, select, where: after ? afterInOpen311Order(where, after.key) : where, order: open311Order, limit, offset: (page - 1 - (after?.page ?? 0)) * limit,
  });
  const last = keys.at(-1);
  if (!extensions) return { rows, last };
  const notes = await notesFor(c, endpointId, rows.map((r) => String(r.service_request_id)));
  return { rows: rows.map((row) => withExtensions(row, notes.get(String(row.service_request_id)) ?? [])), last };
}

/** `where` and "after `key` in open311Order" (requested_at descending, then service_request_id ascending; one endpoint). */
function afterInOpen311Order(where: Conditions, key: PageKey): Conditions {
  return where.copy().add('(requested_at < make_timestamptz(?::BIGINT) OR (requested_at = make_timestamptz(?::BIGINT) AND service_request_id > ?))', key.t, key.t, key.service_request_id);
}

/**
 * With no date, the last 90 days from the start of the current hour: the window (and so the filter) stays the same
 * for an hour, so a client walking its pages reuses the total and each page's end (a window moving by the
 * millisecond made every call a new filter).
 */
export function defaultWindowStart(now: Date): Date {
  const hour = Math.floor(now.getTime() / 3_600_000) * 3_600_000;
  return new Date(hour - defaultWindowDays * 86_400_000);
}

function toFilter(params: z.output<typeof listQuery>, endpointId: string, now: Date): RequestFilter {
  // GeoReport §5.6: service_request_id overrides every other filter.
  if (params.service_request_id) return { endpoints: [endpointId], ids: params.service_request_id };
  const anyDate = params.start_date || params.end_date || params.updated_after || params.updated_before;
  if ((params.lat === undefined) !== (params.long === undefined)) throw badParameter(params.lat === undefined ? 'lat' : 'long', 'lat and long go together');
  checkRanges(params, [['start_date', 'end_date'], ['updated_after', 'updated_before']]);
  return {
    endpoints: [endpointId],
    serviceCodes: params.service_code,
    statuses: params.status,
    requestedFrom: params.start_date ?? (anyDate ? undefined : defaultWindowStart(now)),
    requestedThrough: params.end_date,
    updatedFrom: params.updated_after,
    updatedBefore: params.updated_before,
    bbox: params.bbox,
    near: params.lat !== undefined && params.long !== undefined ? { lat: params.lat, lon: params.long, radius: params.radius ?? 1000 } : undefined,
    categories: params.category,
    q: params.q,
  };
}
