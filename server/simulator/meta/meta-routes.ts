import type { SimEndpoint } from '../federation.ts';
import { errorResponse, htmlPage, json, xml, type Format, type SimResponse } from '../wire/respond.ts';
import { xmlDocument, xmlObjectDocument } from '../wire/xml.ts';

const changeset = '2024-01-15T09:00:00Z';

/** Service discovery document pointing at this endpoint (vendor extras: Helsinki locales, FixMyStreet max_requests). */
export function discovery(ep: SimEndpoint, serverUrl: string, format: Format): SimResponse {
  const { dialect } = ep;
  const document: Record<string, unknown> = {
    changeset,
    contact: `Simulated ${dialect.city.name}: no contact, data is generated.`,
    key_service: 'No key needed: read access is open.',
    ...dialect.discoveryExtras?.document,
    endpoints: [{
      specification: 'http://wiki.open311.org/GeoReport_v2',
      // Real discovery documents write the base without its trailing slash.
      url: `${serverUrl}${dialect.city.prefix.replace(/\/$/, '')}`,
      changeset,
      type: 'production',
      formats: ['text/xml', 'application/json'],
      ...dialect.discoveryExtras?.endpoint,
    }],
  };
  if (format === 'xml') return xml(xmlObjectDocument('discovery', document));
  return json(dialect.rules.wrappedJson ? { discovery: document } : document);
}

export function serviceList(ep: SimEndpoint, params: URLSearchParams, format: Format): SimResponse {
  const { dialect } = ep;
  const items = dialect.services(params.get('locale')).map((s) => s.listed);
  if (format === 'xml') {
    return xml(xmlDocument({ root: 'services', item: 'service', items, sortKeys: dialect.rules.xmlSortedKeys, rootAttributes: dialect.servicesXmlAttributes }));
  }
  return json(dialect.rules.wrappedJson ? { services: items } : items);
}

/** Service definitions are cheap here: known codes get an empty attribute list. FixMyStreet has no such route. */
export function serviceDefinition(ep: SimEndpoint, code: string, format: Format): SimResponse {
  const { rules } = ep.dialect;
  if (rules.errors === 'fixmystreet-html') return htmlPage('Page not found', `No route for services/${code}`, 404);
  if (!ep.services.some((s) => s.code === code)) return errorResponse({ rules, format, status: 404, message: `service_code ${code} not found` });
  const definition = { service_code: code, attributes: [] };
  return format === 'xml' ? xml(xmlObjectDocument('service_definition', definition)) : json(definition);
}
