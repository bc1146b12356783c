import type { WireRules } from '../dialects/types.ts';
import { escapeXml, xmlDocument } from './xml.ts';

/** A complete answer, built before anything is written (faults may still alter it). */
export interface SimResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export type Format = 'json' | 'xml';
export const jsonType = 'application/json; charset=utf-8';
export const xmlType = 'text/xml; charset=utf-8';
export const htmlType = 'text/html; charset=utf-8';

export function json(value: unknown, status = 200): SimResponse {
  return { status, contentType: jsonType, body: JSON.stringify(value) };
}

export function xml(body: string, status = 200): SimResponse {
  return { status, contentType: xmlType, body };
}

export function htmlPage(title: string, message: string, status = 200): SimResponse {
  const body = `<!DOCTYPE html>\n<html><head><title>${escapeXml(title)}</title></head>` +
    `<body><h1>${escapeXml(title)}</h1><p>${escapeXml(message)}</p></body></html>\n`;
  return { status, contentType: htmlType, body };
}

/** The vendor's error answer: spec `errors` list, Mark-a-Spot's `{"error":{…}}`, or FixMyStreet's documentation page (status 200). */
export function errorResponse(args: { rules: WireRules; format: Format; status: number; message: string }): SimResponse {
  const { rules, format, status, message } = args;
  if (rules.errors === 'fixmystreet-html') return htmlPage('Open311 API for FixMyStreet', `ERROR: ${message}`, 200);
  if (rules.errors === 'markaspot') {
    if (format === 'json') return json({ error: { code: status, message } }, status);
    return xml(`<?xml version="1.0" encoding="utf-8"?>\n<error><code>${status}</code><message>${escapeXml(message)}</message></error>\n`, status);
  }
  if (format === 'json') return json([{ code: status, description: message }], status);
  return xml(xmlDocument({ root: 'errors', item: 'error', items: [{ code: status, description: message }] }), status);
}
