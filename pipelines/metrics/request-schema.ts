import { z } from 'zod';

const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const names = z.array(z.string().min(1)).min(1);

/** A metric call as the API accepts it (query parameters are mapped onto it); OpenAPI is generated from it. */
export const metricRequestSchema = z.strictObject({
  metric: z.string().min(1).describe('definition id, e.g. ttc_km (GET /api/v1/metrics lists them)'),
  groupBy: z.array(z.enum(['endpoint', 'category', 'service_code', 'period', 'h3', 'district', 'polygon'])).optional(),
  period: z.enum(['day', 'week', 'month', 'quarter', 'year']).optional().describe('required when groupBy includes period; UTC calendar periods, weeks start on Monday'),
  h3Resolution: z.int().min(0).max(9).optional().describe('with groupBy h3 (default 7)'),
  polygons: z.string().min(1).optional().describe('id of a loaded GeoJSON polygon set, with groupBy polygon'),
  filters: z
    .strictObject({
      from: instant.optional().describe('inclusive start of the date range (the metric decides which date: opened or closed)'),
      to: instant.optional().describe('exclusive end of the date range'),
      endpoints: names.optional(),
      categories: names.optional(),
      serviceCodes: names.optional(),
      closedAtSource: z.array(z.enum(['event', 'observed', 'updated_datetime'])).min(1).optional(),
    })
    .optional(),
  asOf: z.iso.datetime({ offset: true }).optional().describe('the instant censoring, backlog and aging are measured at'),
  minN: z.int().min(1).max(100_000).optional().describe('small-count guard (default 20)'),
  includeDuplicates: z.boolean().optional().describe('count requests marked duplicate (default false)'),
});

export type MetricRequest = z.infer<typeof metricRequestSchema>;
