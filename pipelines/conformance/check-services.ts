import type { ParsedBody } from '../parse/types.ts';
import { asList, isRecord } from '../dialects/shared/values.ts';
import { isBlank, type WireFormat } from './check-requests.ts';
import { observe, shown, type Observations } from './observations.ts';

const REQUIRED = ['service_code', 'service_name', 'metadata', 'type'] as const;
const SERVICE_TYPES = new Set(['realtime', 'batch', 'blackbox']);
const DATATYPES = new Set(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']);
const ATTRIBUTE_FIELDS = ['variable', 'code', 'datatype', 'required', 'order', 'description'] as const;
const DISCOVERY_FIELDS = ['changeset', 'contact', 'key_service', 'endpoints'] as const;
const DISCOVERY_ENDPOINT_FIELDS = ['specification', 'url', 'changeset', 'type', 'formats'] as const;

/** JSON: true/false; XML: the text "true" or "false". */
function isBoolean(value: unknown, format: WireFormat): boolean {
  return format === 'json' ? typeof value === 'boolean' : value === 'true' || value === 'false';
}

/** Service list entries: required fields, metadata a boolean, type one of the three, codes strings. */
export function checkServices({ services, format, where, observations }: { services: readonly unknown[]; format: WireFormat; where: string; observations: Observations }): void {
  services.forEach((service, index) => {
    if (!isRecord(service)) {
      observe(observations, 'services_wrong_type', `${where}: item ${index + 1} is ${shown(service)}`);
      return;
    }
    const label = `${where}: service ${isBlank(service.service_code) ? `#${index + 1}` : shown(service.service_code)}`;
    for (const field of REQUIRED) if (isBlank(service[field])) observe(observations, 'services_field_missing', `${label}: no ${field}`);
    if (!isBlank(service.metadata) && !isBoolean(service.metadata, format)) observe(observations, 'services_wrong_type', `${label}: metadata = ${shown(service.metadata)}`);
    if (!isBlank(service.type) && !SERVICE_TYPES.has(String(service.type))) observe(observations, 'services_wrong_type', `${label}: type = ${shown(service.type)}`);
    if (!isBlank(service.service_code) && typeof service.service_code !== 'string') {
      observe(observations, 'services_wrong_type', `${label}: service_code = ${shown(service.service_code)} (not a string)`);
    }
  });
}

/** What is wrong with a service definition document, or null. Accepts the early form without the <attributes> wrapper. */
export function serviceDefinitionProblem({ body, format }: { body: ParsedBody; format: WireFormat }): string | null {
  if (body.kind === 'xml' && body.root !== 'service_definition') return `XML root <${body.root}> instead of <service_definition>`;
  const value = body.value;
  if (!isRecord(value)) return `${Array.isArray(value) ? 'an array' : typeof value} instead of an object`;
  if (isBlank(value.service_code)) return 'no service_code';
  const attributes = body.kind === 'xml' ? asList(value.attributes ?? value.attribute, 'attribute') : value.attributes;
  if (!Array.isArray(attributes)) return `attributes is ${shown(attributes)}, not a list`;
  for (const attribute of attributes) {
    if (!isRecord(attribute)) return `an attribute is ${shown(attribute)}`;
    const missing = ATTRIBUTE_FIELDS.filter((field) => isBlank(attribute[field]));
    if (missing.length > 0) return `attribute ${shown(attribute.code)} lacks ${missing.join(', ')}`;
    if (!DATATYPES.has(String(attribute.datatype))) return `attribute ${shown(attribute.code)} has datatype ${shown(attribute.datatype)}`;
    for (const flag of ['variable', 'required'] as const) {
      if (!isBoolean(attribute[flag], format)) return `attribute ${shown(attribute.code)}: ${flag} = ${shown(attribute[flag])}`;
    }
  }
  return null;
}

/** What is wrong with a discovery document, or null. */
export function discoveryProblem({ body }: { body: ParsedBody }): string | null {
  if (body.kind === 'xml' && body.root !== 'discovery') return `XML root <${body.root}> instead of <discovery>`;
  const value = body.value;
  if (!isRecord(value)) return `${Array.isArray(value) ? 'an array' : typeof value} instead of an object`;
  if (body.kind === 'json' && Object.keys(value).length === 1 && 'discovery' in value) return 'wrapped in {"discovery": …} (Spark drops the root)';
  const missing = DISCOVERY_FIELDS.filter((field) => !(field in value));
  if (missing.length > 0) return `no ${missing.join(', ')}`;
  const endpoints = body.kind === 'xml' ? asList(value.endpoints, 'endpoint') : value.endpoints;
  if (!Array.isArray(endpoints) || endpoints.length === 0) return `endpoints is ${shown(endpoints)}, not a non-empty list`;
  for (const endpoint of endpoints) {
    if (!isRecord(endpoint)) return `an endpoint is ${shown(endpoint)}`;
    const absent = DISCOVERY_ENDPOINT_FIELDS.filter((field) => isBlank(endpoint[field]));
    if (absent.length > 0) return `endpoint ${shown(endpoint.url)} lacks ${absent.join(', ')}`;
    const formats = body.kind === 'xml' ? asList(endpoint.formats, 'format') : endpoint.formats;
    if (!Array.isArray(formats) || formats.some((format) => typeof format !== 'string')) return `endpoint ${shown(endpoint.url)}: formats is ${shown(formats)}`;
  }
  return null;
}
