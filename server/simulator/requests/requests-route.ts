import type { SimEndpoint } from '../federation.ts';
import { visibleCount } from '../model/record-state.ts';
import { indexOfId } from '../federation.ts';
import { isEcho, wireRecord } from '../record-view.ts';
import { errorResponse, htmlPage, json, xml, type Format, type SimResponse } from '../wire/respond.ts';
import { xmlDocument } from '../wire/xml.ts';
import { checkJurisdiction, parseRequestsQuery, type RequestsQuery } from './requests-query.ts';
import { selectRows, type Rows } from './select-rows.ts';

function ids(ep: SimEndpoint, wanted: string[], now: number): Rows {
  const visible = visibleCount(ep.pop, now);
  const found = [...new Set(wanted.map((id) => indexOfId(ep, id)).filter((i): i is number => i !== null && i < visible))];
  return { length: found.length, at: (k) => found[k] as number };
}

/** The indices one call returns, in wire order: a page, an offset slice, or (no paging) the newest `size` rows, newest first. */
function page(ep: SimEndpoint, rows: Rows, query: RequestsQuery, repeatPrevious: boolean): number[] {
  const rule = ep.dialect.rules.paging;
  const slice = (first: number, count: number) =>
    Array.from({ length: Math.max(0, Math.min(count, rows.length - first)) }, (_, k) => rows.at(first + k));
  if (query.ids) return slice(0, rows.length);
  if (rule.kind === 'none') return Array.from({ length: Math.min(query.size, rows.length) }, (_, k) => rows.at(rows.length - 1 - k));
  if (rule.kind === 'offset') {
    const offset = repeatPrevious ? Math.max(0, query.offset - query.size) : query.offset;
    return slice(offset, query.size);
  }
  let p = repeatPrevious ? Math.max(1, query.page - 1) : query.page;
  const last = Math.ceil(rows.length / query.size);
  // uReport: a page past the end answers with the last page again.
  if (p > last && rule.pastEnd === 'repeat-last' && last > 0) p = last;
  return slice((p - 1) * query.size, query.size);
}

export function encodeRequests(ep: SimEndpoint, items: unknown[], format: Format): SimResponse {
  const { rules } = ep.dialect;
  if (format === 'json') return json(rules.wrappedJson ? { service_requests: items } : items);
  return xml(xmlDocument({ root: 'service_requests', item: 'request', items, sortKeys: rules.xmlSortedKeys }));
}

/** True when the call is a list call whose previous page exists (only then can a "repeated page" fault apply). */
export function canRepeatPage(ep: SimEndpoint, params: URLSearchParams): boolean {
  const rule = ep.dialect.rules.paging;
  if (rule.kind === 'none' || params.get('service_request_id')) return false;
  return rule.kind === 'offset' ? Number(params.get('offset')) > 0 : Number(params.get('page')) > 1;
}

export function requestsList(args: { ep: SimEndpoint; params: URLSearchParams; format: Format; now: number; repeatPrevious: boolean }): SimResponse {
  const { ep, params, format, now } = args;
  const parsed = parseRequestsQuery(ep, params, now);
  if (!parsed.ok) return errorResponse({ rules: ep.dialect.rules, format, status: parsed.status, message: parsed.message });
  const query = parsed.value;
  const rows = query.ids ? ids(ep, query.ids, now) : selectRows(ep, query.filter, now);
  const items: unknown[] = [];
  for (const index of page(ep, rows, query, args.repeatPrevious)) {
    const record = wireRecord(ep, index, now, query.extensions);
    items.push(record);
    if (!query.ids && isEcho(ep, index)) items.push(record);
  }
  if (items.length === 0 && ep.dialect.rules.emptyIs404) {
    return errorResponse({ rules: ep.dialect.rules, format, status: 404, message: 'No Service requests found' });
  }
  return encodeRequests(ep, items, format);
}

export function requestSingle(args: { ep: SimEndpoint; id: string; params: URLSearchParams; format: Format; now: number }): SimResponse {
  const { ep, id, params, format, now } = args;
  const { rules } = ep.dialect;
  const jurisdiction = checkJurisdiction(rules, params);
  if (!jurisdiction.ok) return errorResponse({ rules, format, status: jurisdiction.status, message: jurisdiction.message });
  if (rules.ids === 'numeric-single' && !/^\d+$/.test(id)) return htmlPage('Page not found', `No route for ${id}`, 404);
  const index = indexOfId(ep, id);
  const extensions = !['', 'false', '0'].includes(params.get('extensions') ?? '');
  if (index !== null && index < visibleCount(ep.pop, now)) return encodeRequests(ep, [wireRecord(ep, index, now, extensions)], format);
  // FixMyStreet answers an unknown id with an empty list; everyone else with a 404.
  if (rules.errors === 'fixmystreet-html') return encodeRequests(ep, [], format);
  return errorResponse({ rules, format, status: 404, message: `Service request ${id} not found` });
}
