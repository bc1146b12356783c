import { z } from 'zod';
import { apiError, geoReportErrors } from '../response-schemas.ts';
import type { RouteSpec } from '../route.ts';

/** A zod schema as an OpenAPI 3.1 Schema Object (JSON Schema 2020-12, the document's own dialect). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/** GeoReport routes answer XML on their `.xml` path (a string schema: XML has no JSON Schema). */
const geoReportXml = (description: string) => ({ 'text/xml': { schema: { type: 'string', description } } });

/** The successful answer: the route's JSON body, the bodies its `format` parameter asks for, GeoReport's XML. */
function successResponse(route: RouteSpec) {
  const geoReport = route.path.startsWith('/open311/');
  const content: Record<string, { schema: Record<string, unknown> }> = {};
  if (route.response) content['application/json'] = { schema: jsonSchema(route.response) };
  for (const { mediaType, schema } of Object.values(route.formats ?? {})) content[mediaType] = { schema: jsonSchema(schema) };
  if (geoReport && route.response) Object.assign(content, geoReportXml('the same answer as GeoReport v2 XML (the path ends in .xml)'));
  const formats = Object.keys(route.formats ?? {});
  const description = formats.length
    ? `format=json (default): application/json; ${formats.map((f) => `format=${f}: ${route.formats![f]!.mediaType}`).join(', ')}`
    : geoReport
      ? 'the .json path answers application/json, the .xml path text/xml'
      : 'OK';
  return { description, ...(Object.keys(content).length ? { content } : {}) };
}

function refusalResponse(route: RouteSpec) {
  return route.path.startsWith('/open311/')
    ? { description: 'refused: the GeoReport v2 error list (JSON or XML, as the path asks)', content: { 'application/json': { schema: jsonSchema(geoReportErrors) }, ...geoReportXml('<errors><error><code/><description/></error></errors>') } }
    : { description: 'refused: the error object, naming the parameter at fault', content: { 'application/json': { schema: jsonSchema(apiError) } } };
}

/**
 * OpenAPI 3.1 from the routes' own zod schemas: what is documented is what is validated (parameters) and what the
 * tests check the served answers against (responses).
 */
export function openApiDocument({ routes, version }: { routes: readonly RouteSpec[]; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const schema = jsonSchema(route.query, 'input') as { properties?: Record<string, { description?: string }>; required?: string[] };
    const query = Object.entries(schema.properties ?? {}).map(([name, property]) => ({
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      description: property.description,
      schema: property,
    }));
    const path = Object.entries(route.pathParams ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } }));
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        summary: route.summary,
        tags: [route.tag],
        parameters: [...path, ...query],
        ...(route.body ? { requestBody: { required: true, description: route.body.description, content: { [route.body.mediaType]: { schema: {} } } } } : {}),
        responses: {
          [route.method === 'post' ? '2XX' : '200']: successResponse(route),
          '4XX': refusalResponse(route),
        },
        ...(route.tag === 'admin' ? { security: [{ bearer: [] }] } : {}),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'fed311 API', version, description: 'Federated Open311 GeoReport v2 and service-performance analytics. Reference: docs/api.md.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
