import { createHash } from 'node:crypto';
import type { RequestsQuery } from '../dialects/types.ts';
import type { FetchedResponse } from '../fetch/http-client.ts';
import { parseBody } from '../parse/index.ts';
import type { RunContext } from './context.ts';

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
  const pageSize = Math.min(Math.max(1, endpoint.page_size ?? caps.defaultPageSize), caps.maxPageSize);
  const paged = caps.paging !== 'none' && !query.ids;
  const seen = new Set<string>();
  let count = 0;

  for (let page = 0; ; page++) {
    const url = dialect.requestsUrl(endpoint, { ...query, page, pageSize });
    const records = await ctx.client.get(url, (response) => readRequests(ctx, response));
    ctx.counters.pages++;
    if (!paged) {
      await ctx.sink.add(records);
      const complete = query.ids !== undefined || records.length < caps.cap;
      return { complete, count: records.length, reason: complete ? undefined : `answer reached the cap of ${caps.cap}` };
    }
    const signature = pageSignature(records);
    if (records.length > 0 && seen.has(signature)) {
      return { complete: false, count, reason: `page ${page + 1} repeated an earlier page` };
    }
    seen.add(signature);
    await ctx.sink.add(records);
    count += records.length;
    if (records.length < pageSize) return { complete: true, count };
    if (page + 1 >= ctx.options.maxPages) return { complete: false, count, reason: `stopped after ${ctx.options.maxPages} full pages` };
  }
}

function readRequests(ctx: RunContext, response: FetchedResponse): unknown[] {
  // 404 may mean "no rows" (Mark-a-Spot): the dialect decides; other 4xx are the server refusing the query.
  if (response.status >= 400 && response.status !== 404) {
    throw new Error(`HTTP ${response.status}: ${snippet(response.bytes)}`);
  }
  const body = parseBody({ bytes: response.bytes, contentType: response.contentType, expected: ctx.endpoint.format });
  try {
    return ctx.dialect.readRequests(body);
  } catch (error) {
    if (response.status === 404) throw new Error(`HTTP 404: ${snippet(response.bytes)}`, { cause: error });
    throw error;
  }
}

// Length plus first and last record: a repeated page repeats all three, a real next page differs in both ends.
function pageSignature(records: readonly unknown[]): string {
  return createHash('sha1')
    .update(`${records.length}\u0000${JSON.stringify(records[0]) ?? ''}\u0000${JSON.stringify(records.at(-1)) ?? ''}`)
    .digest('base64');
}

function snippet(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 300)).toString('utf8').replace(/\s+/g, ' ').trim();
}
