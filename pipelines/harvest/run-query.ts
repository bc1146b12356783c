import { mergeObservations, observe } from '../conformance/observations.ts';
import type { RequestsQuery } from '../dialects/types.ts';
import { redactUrl } from '../fetch/redact-url.ts';
import type { RunContext } from './context.ts';
import { pageSizeFor } from './page-size.ts';

export interface QueryOutcome {
  /** False when the answer may hold less than the server has (cap reached, a full page repeated, page limit). */
  complete: boolean;
  count: number;
  reason?: string;
}

/**
 * One logical query (a requested window, an updated window or an id list), paged the dialect's way. Paging ends
 * cleanly only on a short page; a page that repeats the previous or the first one ends the loop as incomplete.
 */
export async function runQuery(ctx: RunContext, query: Omit<RequestsQuery, 'page' | 'pageSize'>): Promise<QueryOutcome> {
  const { dialect, endpoint } = ctx;
  const caps = dialect.capabilities;
  const pageSize = pageSizeFor(endpoint, caps);
  const paged = caps.paging !== 'none' && !query.ids;
  const seen = new Set<string>();
  const window = query.requested ? { start: query.requested.start.getTime(), end: query.requested.end.getTime() } : undefined;
  let count = 0;

  for (let page = 0; ; page++) {
    const url = dialect.requestsUrl(endpoint, { ...query, page, pageSize });
    // The page is read inside the retry loop: an unreadable body (truncated, an HTML error page) is fetched again.
    const read = await ctx.client.get(url, (response) =>
      ctx.reader.read({
        endpoint,
        status: response.status,
        contentType: response.contentType,
        bytes: response.bytes,
        serviceNames: ctx.serviceNames,
        serviceCategories: ctx.serviceCategories,
        contextKey: ctx.contextKey,
        url: response.url,
        window,
      }),
    );
    ctx.counters.pages++;
    mergeObservations(ctx.conformance.observations, read.observations);
    if (!paged) {
      await ctx.sink.addPage(read);
      const complete = query.ids !== undefined || read.count < caps.cap;
      if (!complete) observe(ctx.conformance.observations, 'cap_hit', `GET ${redactUrl(url)}: ${read.count} records, the cap of ${caps.cap}`);
      return { complete, count: read.count, reason: complete ? undefined : `answer reached the cap of ${caps.cap}` };
    }
    if (read.count > 0 && seen.has(read.signature)) {
      observe(ctx.conformance.observations, 'paging_loops', `GET ${redactUrl(url)}: page ${page + 1} repeated an earlier page`);
      return { complete: false, count, reason: `page ${page + 1} repeated an earlier page` };
    }
    seen.add(read.signature);
    await ctx.sink.addPage(read);
    count += read.count;
    if (read.count < pageSize) return { complete: true, count };
    if (page + 1 >= ctx.options.maxPages) return { complete: false, count, reason: `stopped after ${ctx.options.maxPages} full pages` };
  }
}
