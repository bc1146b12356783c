import { EnvelopeError, type ParsedBody } from '../../parse/types.ts';
import { describeVendorErrors, findVendorErrors } from './error-body.ts';
import { isRecord } from './values.ts';

// Keys that wrap a requests list: FixMyStreet/Toronto `{"service_requests":[…]}`, converters `{"requests":[…]}`,
// old FixMyStreet `{"requests":[{"request":[…]}]}` (GEOREPORT §10.13).
const REQUEST_WRAPPERS = ['service_requests', 'requests', 'request'] as const;
const REQUEST_HINTS = ['service_request_id', 'servicerequest_id', 'sevicerequest_id', 'token', 'status', 'requested_datetime', 'service_code'];
const SERVICE_WRAPPERS = ['services', 'service'] as const;

function looksLike(value: Record<string, unknown>, hints: readonly string[]): boolean {
  return hints.some((key) => key in value);
}

function throwIfError(body: ParsedBody): void {
  const errors = findVendorErrors({ body });
  if (errors !== null) throw new EnvelopeError(describeVendorErrors({ errors }));
}

/** Unwraps JSON shapes until a list of records is left. */
function unwrapJson(value: unknown, wrappers: readonly string[], hints: readonly string[], depth: number): unknown[] {
  if (depth > 3) throw new EnvelopeError('requests list nested too deeply');
  if (Array.isArray(value)) {
    const only = value.length === 1 ? value[0] : undefined;
    if (isRecord(only) && !looksLike(only, hints)) {
      const keys = Object.keys(only);
      if (keys.length === 1 && wrappers.includes(keys[0] as string)) return unwrapJson(only[keys[0] as string], wrappers, hints, depth + 1);
    }
    return value;
  }
  if (isRecord(value)) {
    if (looksLike(value, hints)) return [value];
    for (const key of wrappers) if (key in value) return unwrapJson(value[key], wrappers, hints, depth + 1);
    const keys = Object.keys(value);
    throw new EnvelopeError(keys.length === 0 ? 'JSON object without records' : `JSON object without a records list (keys: ${keys.slice(0, 8).join(', ')})`);
  }
  if (value === null || value === '') return [];
  throw new EnvelopeError(`expected a JSON list of records, got ${typeof value}`);
}

function readXmlList(body: Extract<ParsedBody, { kind: 'xml' }>, roots: readonly string[], item: string, hints: readonly string[]): unknown[] {
  const { root, value } = body;
  if (root === item) return [value];
  if (!roots.includes(root)) throw new EnvelopeError(`unexpected XML root <${root}> (expected <${roots.join('> or <')}>)`);
  if (value === '' || value === null) return [];
  if (!isRecord(value)) throw new EnvelopeError(`<${root}> holds text instead of <${item}> elements`);
  const listOf = (child: unknown): unknown[] => (Array.isArray(child) ? child : [child]);
  if (item in value) return listOf(value[item]);
  const keys = Object.keys(value);
  // Another repeated child name (e.g. <service_request>): take it when it is the only child.
  if (keys.length === 1 && !hints.includes(keys[0] as string)) return listOf(value[keys[0] as string]);
  throw new EnvelopeError(`<${root}> has no <${item}> elements (children: ${keys.slice(0, 8).join(', ')})`);
}

/** The spec envelope, read generously: JSON bare array, wrapped object or lone object; XML `<service_requests>`/`<requests>` or a lone `<request>`. */
export function readRequestList({ body }: { body: ParsedBody }): unknown[] {
  throwIfError(body);
  if (body.kind === 'json') return unwrapJson(body.value, REQUEST_WRAPPERS, REQUEST_HINTS, 0);
  return readXmlList(body, ['service_requests', 'requests'], 'request', REQUEST_HINTS);
}

/** The services envelope: JSON array or `{"services":[…]}`, XML `<services><service>`. */
export function readServiceList({ body }: { body: ParsedBody }): unknown[] {
  throwIfError(body);
  if (body.kind === 'json') return unwrapJson(body.value, SERVICE_WRAPPERS, ['service_code', 'service_name'], 0);
  return readXmlList(body, ['services'], 'service', ['service_code', 'service_name']);
}
