import { XMLBuilder } from 'fast-xml-parser';
import type { Context } from 'koa';
import { notFound } from '../errors.ts';

export type WireFormat = 'json' | 'xml';

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });
// XML 1.0 cannot carry these characters at all, even escaped.
// eslint-disable-next-line no-control-regex
const xmlForbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Spark.pm's plural → singular: `service_requests` → `request`, otherwise strip one trailing s (GeoReport §2.5). */
function singular(plural: string): string {
  return plural === 'service_requests' ? 'request' : plural.replace(/s$/, '');
}

/** Spark-JSON value → the tree XMLBuilder renders: lists become a container of repeated singular elements. */
function toXmlTree(value: unknown, name: string): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.length ? { [singular(name)]: value.map((item) => toXmlTree(item, singular(name))) } : '';
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXmlTree(v, k)]));
  return String(value).replace(xmlForbidden, '');
}

/**
 * Answers in the spec's wire form: JSON as the Spark convention gives it (`body` as is: lists are bare arrays), XML
 * under `root` with a UTF-8 declaration. `root` names the list for arrays (`service_requests` → `<request>`s).
 */
export function respond({ ctx, format, root, body }: { ctx: Context; format: WireFormat; root: string; body: unknown }): void {
  if (format === 'json') {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify(body);
    return;
  }
  ctx.type = 'text/xml; charset=utf-8';
  ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: toXmlTree(body, root) }) as string}`;
}

/** The spec's error list (GeoReport §6). */
export function respondErrors({ ctx, format, status, description }: { ctx: Context; format: WireFormat; status: number; description: string }): void {
  ctx.status = status;
  respond({ ctx, format, root: 'errors', body: [{ code: status, description }] });
}

/** The format of an error answer: the path's suffix when it names one, else JSON. */
export function formatOf(path: string): WireFormat {
  return path.endsWith('.xml') ? 'xml' : 'json';
}

/** The `{format}` path suffix of a GeoReport route (GeoReport §2.1); anything else is a resource that does not exist. */
export function formatParam(ctx: Context): WireFormat {
  const format = (ctx.params as Record<string, string>).format;
  if (format === 'json' || format === 'xml') return format;
  throw notFound(`format: ".${String(format).slice(0, 20)}" is not a format (use .json or .xml)`, 'format');
}
