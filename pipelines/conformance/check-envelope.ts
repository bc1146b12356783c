import type { ParsedBody } from '../parse/types.ts';
import type { CheckId } from './catalog.ts';
import { observe, type Observations } from './observations.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
// The spec names text/xml; application/xml is the registered type and common (FixMyStreet, 6Aika).
const XML_TYPE = /^(?:text|application)\/(?:[\w.+-]+\+)?xml\s*(?:;|$)/i;
const XML_DECLARATION = '<?xml';
const WRAPPER_KEYS = new Set(['service_requests', 'requests', 'request', 'services', 'service']);

/** Which list an answer should be: the spec's root and item element names. */
export const LISTS = {
  requests: { root: 'service_requests', item: 'request', check: 'envelope_deviation' },
  services: { root: 'services', item: 'service', check: 'services_envelope_deviation' },
} as const satisfies Record<string, { root: string; item: string; check: CheckId }>;

export type ListKind = keyof typeof LISTS;

/** The Content-Type must name what the body is (the body decides what it is: servers mislabel). */
export function checkContentType({ contentType, kind, check, where, observations }: {
  contentType: string | null;
  kind: ParsedBody['kind'];
  check: 'wrong_content_type' | 'services_wrong_content_type';
  where: string;
  observations: Observations;
}): void {
  const type = (contentType ?? '').trim();
  if (!(kind === 'json' ? JSON_TYPE : XML_TYPE).test(type)) {
    observe(observations, check, `${where}: a ${kind.toUpperCase()} body sent as ${type === '' ? 'no Content-Type' : `"${type}"`}`);
  }
}

/** XML answers begin with their declaration (a byte-order mark before it is allowed). */
export function checkXmlDeclaration({ bytes, where, observations }: { bytes: Uint8Array; where: string; observations: Observations }): void {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = Buffer.from(bytes.subarray(start, start + XML_DECLARATION.length)).toString('latin1');
  if (head !== XML_DECLARATION) observe(observations, 'xml_declaration_missing', `${where}: starts with ${JSON.stringify(head)}`);
}

/** Why a list answer's envelope is not the spec's, or null when it is. */
export function envelopeDeviation({ body, list }: { body: ParsedBody; list: ListKind }): string | null {
  const { root, item } = LISTS[list];
  if (body.kind === 'xml') {
    if (body.root !== root) return `XML root <${body.root}> instead of <${root}>`;
    if (body.value === '' || body.value === null) return null;
    if (typeof body.value !== 'object' || Array.isArray(body.value)) return `<${root}> holds text instead of <${item}> elements`;
    const others = Object.keys(body.value).filter((key) => key !== item);
    return others.length === 0 ? null : `<${root}> holds <${others.slice(0, 3).join('>, <')}> instead of <${item}> elements`;
  }
  const value = body.value;
  if (Array.isArray(value)) {
    const only = value.length === 1 ? value[0] : undefined;
    const keys = only !== null && typeof only === 'object' && !Array.isArray(only) ? Object.keys(only) : [];
    // Old FixMyStreet: [{"requests":[{"request":[…]}]}].
    if (keys.length === 1 && WRAPPER_KEYS.has(keys[0]!)) return `a one-item array wrapping "${keys[0]}" instead of a bare array`;
    return null;
  }
  if (value !== null && typeof value === 'object') return `a JSON object (keys: ${Object.keys(value).slice(0, 5).join(', ')}) instead of a bare array`;
  return `JSON ${value === null ? 'null' : typeof value} instead of an array`;
}

export function checkListEnvelope({ body, list, where, observations }: { body: ParsedBody; list: ListKind; where: string; observations: Observations }): void {
  const deviation = envelopeDeviation({ body, list });
  if (deviation !== null) observe(observations, LISTS[list].check, `${where}: ${deviation}`);
}
