import { z } from 'zod';
import { readRows } from '../../../pipelines/load/store.ts';
import { notFound } from '../errors.ts';
import { slug, text } from '../param-types.ts';
import { discoveryResponse, serviceDefinitionResponse, serviceListResponse } from '../response-schemas.ts';
import { defineRoute } from '../route.ts';
import type { AppServices } from '../services.ts';
import { resolveJurisdiction } from './jurisdiction.ts';
import { formatParam, respond } from './wire.ts';

const specification = 'http://wiki.open311.org/GeoReport_v2';
const serviceTypes = ['realtime', 'batch', 'blackbox'];
const jurisdictionQuery = z.strictObject({
  jurisdiction_id: slug.optional().describe('an endpoint id; required when more than one endpoint is loaded'),
  api_key: text().optional().describe('accepted and ignored'),
});

/** Discovery, the service list and service definitions (GeoReport §5.1–5.3). */
export function open311CatalogRoutes(app: AppServices) {
  return [
    defineRoute({
      method: 'get',
      path: '/open311/v2/discovery.{format}',
      tag: 'open311',
      summary: 'Service discovery',
      pathParams: { format: 'json or xml' },
      query: jurisdictionQuery,
      response: discoveryResponse,
      async handle(ctx, params) {
        const format = formatParam(ctx);
        // Discovery is the same for every jurisdiction, but a jurisdiction that does not exist is still a 404.
        if (params.jurisdiction_id !== undefined) await resolveJurisdiction(app, params.jurisdiction_id);
        const [{ changeset }] = (await app.pool.use((c) =>
          readRows<{ changeset: string | null }>(c, `SELECT strftime(max(updated_at), '%Y-%m-%dT%H:%M:%SZ') AS changeset FROM endpoints`),
        )) as [{ changeset: string | null }];
        const stamp = changeset ?? '1970-01-01T00:00:00Z';
        respond({
          ctx,
          format,
          root: 'discovery',
          body: {
            changeset: stamp,
            contact: 'fed311 federates public Open311 endpoints; see /api/v1/docs and /api/v1/endpoints for sources and licenses',
            key_service: 'No key is needed: this API is read-only and every GET is keyless',
            endpoints: [{ specification, url: `${ctx.protocol}://${ctx.host}/open311/v2/`, changeset: stamp, type: 'production', formats: ['text/xml', 'application/json'] }],
          },
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/open311/v2/services.{format}',
      tag: 'open311',
      summary: 'GET Service List of one jurisdiction',
      pathParams: { format: 'json or xml' },
      query: jurisdictionQuery,
      response: serviceListResponse,
      async handle(ctx, params) {
        const format = formatParam(ctx);
        const endpointId = await resolveJurisdiction(app, params.jurisdiction_id);
        const rows = await app.pool.use((c) =>
          readRows<{ type: string | null }>(
            c,
            // metadata is false: fed311 keeps no service definitions, so a client needs no definition call.
            `SELECT service_code, service_name, description, false AS metadata, type, keywords, "group" FROM services WHERE endpoint_id = ? ORDER BY service_code`,
            [endpointId],
          ),
        );
        const body = rows.map((row) => ({ ...row, type: serviceTypes.includes(row.type ?? '') ? row.type : 'realtime' }));
        respond({ ctx, format, root: 'services', body });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/open311/v2/services/{service_code}.{format}',
      tag: 'open311',
      summary: 'GET Service Definition (fed311 keeps no attributes: an empty list)',
      pathParams: { service_code: 'service code', format: 'json or xml' },
      query: jurisdictionQuery,
      response: serviceDefinitionResponse,
      async handle(ctx, params) {
        const format = formatParam(ctx);
        const endpointId = await resolveJurisdiction(app, params.jurisdiction_id);
        const code = ctx.params.service_code!;
        const found = await app.pool.use((c) => readRows(c, 'SELECT 1 FROM services WHERE endpoint_id = ? AND service_code = ?', [endpointId, code]));
        if (found.length === 0) throw notFound(`service_code: no service "${code}" in jurisdiction "${endpointId}"`, 'service_code');
        respond({ ctx, format, root: 'service_definition', body: { service_code: code, attributes: [] } });
      },
    }),
  ];
}
