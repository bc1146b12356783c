import type { WireRules } from '../dialects/types.ts';
import type { SimEndpoint } from '../federation.ts';
import { parseDateParam } from '../time/date-params.ts';
import type { RowFilter } from './select-rows.ts';

/** One GET requests call as this vendor's server understood it. */
export interface RequestsQuery {
  ids: string[] | null;
  filter: RowFilter;
  /** 1-based page (page dialects), offset (offset dialects) and rows per call. */
  page: number;
  offset: number;
  size: number;
  extensions: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

const fail = (status: number, message: string): { ok: false; status: number; message: string } => ({ ok: false, status, message });

/** jurisdiction_id as the vendor checks it (FixMyStreet: any non-empty value required; Chicago: its own value only). */
export function checkJurisdiction(rules: WireRules, params: URLSearchParams): Parsed<null> {
  const value = params.get('jurisdiction_id') ?? '';
  if (rules.jurisdiction === 'required-any' && !value) return fail(400, 'Missing jurisdiction_id');
  if (typeof rules.jurisdiction === 'object' && value && value !== rules.jurisdiction.only) {
    return fail(404, `jurisdiction_id "${value}" not found`);
  }
  return { ok: true, value: null };
}

function idList(rules: WireRules, raw: string): string[] {
  if (rules.ids === 'single') return [raw];
  if (rules.ids === 'numeric-single') return /^\d+$/.test(raw) ? [raw] : [];
  return raw.split(',').map((id) => id.trim()).filter(Boolean);
}

function dateParam(ep: SimEndpoint, params: URLSearchParams, name: string): Parsed<number | null> {
  const raw = params.get(name);
  if (!raw) return { ok: true, value: null };
  const parsed = parseDateParam(raw, ep.dialect.rules.dateStyle, ep.dialect.city.timezone);
  return parsed.ok ? { ok: true, value: parsed.seconds } : fail(400, `${name}: ${parsed.message}`);
}

function statusFilter(rules: WireRules, raw: string): 'open' | 'closed' | null {
  if (rules.status === 'ignored' || !raw) return null;
  const words = new Set(rules.status === 'single' ? [raw] : raw.split(',').map((s) => s.trim()));
  if (words.has('open') === words.has('closed')) return null;
  return words.has('open') ? 'open' : 'closed';
}

function serviceFilter(ep: SimEndpoint, raw: string): Set<number> | null {
  if (!raw) return null;
  const codes = ep.dialect.rules.ids === 'list' ? raw.split(',').map((c) => c.trim()) : [raw];
  return new Set(ep.services.flatMap((s, i) => (codes.includes(s.code) ? [i] : [])));
}

function paging(rules: WireRules, params: URLSearchParams, filtered: boolean): Pick<RequestsQuery, 'page' | 'offset' | 'size'> {
  const int = (name: string) => Number.parseInt(params.get(name) ?? '', 10);
  const { paging: rule } = rules;
  if (rule.kind === 'none') {
    const asked = rule.maxRequestsParam ? int('max_requests') : NaN;
    return { page: 1, offset: 0, size: asked > 0 && asked <= rule.cap ? asked : rule.cap };
  }
  const max = rule.kind === 'offset' && filtered ? rule.maxSizeFiltered : rule.maxSize;
  const asked = int(rule.kind === 'offset' ? 'limit' : 'page_size');
  const size = Math.min(max, asked > 0 ? asked : rule.defaultSize);
  if (rule.kind === 'offset') return { page: 1, offset: Math.max(0, int('offset') || 0), size };
  return { page: Math.max(1, int('page') || 1), offset: 0, size };
}

export function parseRequestsQuery(ep: SimEndpoint, params: URLSearchParams, now: number): Parsed<RequestsQuery> {
  const { rules } = ep.dialect;
  const jurisdiction = checkJurisdiction(rules, params);
  if (!jurisdiction.ok) return jurisdiction;
  const extensions = !['', 'false', '0'].includes(params.get('extensions') ?? '');
  const rawIds = params.get('service_request_id') ?? '';
  const start = dateParam(ep, params, 'start_date');
  const end = dateParam(ep, params, 'end_date');
  // Servers without a change filter ignore its parameters, as they ignore any unknown parameter.
  const none: Parsed<null> = { ok: true, value: null };
  const after = rules.updated === 'none' ? none : dateParam(ep, params, rules.updated === 'since' ? 'updated' : 'updated_after');
  const before = rules.updated === 'range' ? dateParam(ep, params, 'updated_before') : none;
  for (const parsed of [start, end, after, before]) if (!parsed.ok) return parsed;
  const value = <T>(p: Parsed<T>) => (p.ok ? p.value : null);
  const endAt = value(end);
  let startAt = value(start);
  const updatedAfter = value(after);
  const updatedBefore = value(before);
  // The spec's 90-day default window is on requested time; a change-feed query (updated_*) must still reach old requests.
  const window = rules.defaultWindowDays === null || updatedAfter !== null || updatedBefore !== null ? null : rules.defaultWindowDays * 86400;
  if (window !== null && startAt === null) startAt = (endAt ?? now) - window;
  const filter: RowFilter = {
    start: startAt,
    end: endAt,
    endExclusive: rules.endExclusive,
    updatedAfter,
    updatedBefore,
    services: serviceFilter(ep, params.get('service_code') ?? ''),
    status: statusFilter(rules, params.get('status') ?? ''),
  };
  const filtered = value(start) !== null || filter.updatedAfter !== null;
  return { ok: true, value: { ids: rawIds ? idList(rules, rawIds) : null, filter, extensions, ...paging(rules, params, filtered) } };
}
