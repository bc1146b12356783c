import { hash } from 'node:crypto';
import type { Observations } from '../conformance/observations.ts';
import { observeRequestsPage } from '../conformance/observe-page.ts';
import { getDialect } from '../dialects/index.ts';
import { normalizeRequest } from '../normalize/index.ts';
import { parseBody } from '../parse/index.ts';
import { stageRequest, type StagedRow } from '../load/staged-batch.ts';
import type { Endpoint } from '../registry/types.ts';

/** One requests response to read: what a page worker receives. */
export interface PageTask {
  endpoint: Endpoint;
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
  /** service_code → service_name, to fill names a record lacks. */
  serviceNames: Map<string, string>;
  /** service_code → the category its services-list entry got. */
  serviceCategories: Map<string, string>;
  contextKey: string;
  /** The (key-redacted) URL read, for conformance examples. */
  url?: string;
  /** Epoch ms start_date/end_date of a requested_datetime window, so conformance can tell an ignored filter. */
  window?: { start: number; end: number };
}

/** A response read all the way to staged rows; plain data, so it crosses a worker boundary cheaply. */
export interface PageResult {
  /** Items in the answer, readable or not (paging decisions count them all). */
  count: number;
  /** Tells a page that repeats an earlier one. */
  signature: string;
  rows: StagedRow[];
  rejected: { hash: string; reason: string; raw: string }[];
  /** GeoReport v2 conformance observations of this answer (pipelines/conformance/). */
  observations: Observations;
}

/** An answer the server gave but that is no requests list (4xx, an error document): terminal, not retried. */
export class AnswerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AnswerError';
  }
}

/**
 * Bytes → envelope → records → canonical rows → staged rows. All the per-record CPU work of a harvest, pure, so it
 * runs in a worker thread (page-reader.ts) or in-process. Throws BodyError (retry), or AnswerError.
 */
export function readPage(task: PageTask): PageResult {
  const { endpoint } = task;
  // 404 may mean "no rows" (Mark-a-Spot): the dialect decides; other 4xx are the server refusing the query.
  if (task.status >= 400 && task.status !== 404) throw new AnswerError(`HTTP ${task.status}: ${snippet(task.bytes)}`);
  const dialect = getDialect(endpoint.dialect);
  const body = parseBody({ bytes: task.bytes, contentType: task.contentType, expected: endpoint.format });
  let records: unknown[];
  try {
    records = dialect.readRequests(body);
  } catch (error) {
    const prefix = task.status === 404 ? `HTTP 404: ${snippet(task.bytes)}` : (error as Error).message;
    throw new AnswerError(prefix, { cause: error });
  }
  const result: PageResult = { count: records.length, signature: pageSignature(records), rows: [], rejected: [], observations: {} };
  for (const raw of records) {
    const normalized = normalizeRequest({
      wire: dialect.toWire(raw),
      endpoint,
      serviceNames: task.serviceNames,
      serviceCategories: task.serviceCategories,
    });
    if (normalized.ok) {
      result.rows.push(stageRequest({ request: normalized.request, contextKey: task.contextKey }));
    } else {
      const rawText = JSON.stringify(normalized.rejected.raw ?? null);
      result.rejected.push({ hash: hash('sha1', rawText, 'base64'), reason: normalized.rejected.reason, raw: rawText });
    }
  }
  const answer = { status: task.status, contentType: task.contentType, bytes: task.bytes, body, items: records, where: `GET ${task.url ?? 'requests'}` };
  result.observations = observeRequestsPage({ answer, rows: result.rows, window: task.window });
  return result;
}

// Length plus first and last record: a repeated page repeats all three, a real next page differs in both ends.
function pageSignature(records: readonly unknown[]): string {
  return hash('sha1', `${records.length}\u0000${JSON.stringify(records[0]) ?? ''}\u0000${JSON.stringify(records.at(-1)) ?? ''}`, 'base64');
}

function snippet(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 300)).toString('utf8').replace(/\s+/g, ' ').trim();
}
