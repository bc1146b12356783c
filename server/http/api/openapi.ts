import { z } from 'zod';
import type { RouteSpec } from '../route.ts';

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { status: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, parameter: { type: ['string', 'null'] } },
      required: ['status', 'code', 'message', 'parameter'],
    },
  },
  required: ['error'],
};

/** OpenAPI 3.1 from the routes' own zod schemas: what is documented is what is validated. */
export function openApiDocument({ routes, version }: { routes: readonly RouteSpec[]; version: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const schema = z.toJSONSchema(route.query, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { description?: string }>; required?: string[] };
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
        responses: {
          [route.method === 'post' ? '2XX' : '200']: { description: 'see docs/api.md for the shape' },
          '4XX': { description: 'refused; /api/v1 answers the error shape, /open311/v2 the GeoReport error list', content: { 'application/json': { schema: errorSchema } } },
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
