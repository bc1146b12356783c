import { z } from 'zod';
import { dialectIds } from '../dialects/index.ts';
import type { Endpoint } from './types.ts';
import { cronProblem } from './cron.ts';
import { categorySlugs } from '../normalize/taxonomy.ts';
import { apiKeyEnvProblem, baseUrlProblem, bboxProblem, dateProblem, normaliseBaseUrl, zoneProblem } from './checks.ts';

/** Values an entry gets for the fed311 keys it leaves out (CONTRACT §3 additions). */
export const endpointDefaults = {
  format: 'json',
  enabled: true,
  concurrency: 1,
  timeout_seconds: 30,
  schedule: '*/15 * * * *',
  trailing_days: 3,
} as const satisfies Partial<Endpoint>;

/** Adapts a check that returns a reason (or null) to a zod refinement that reports that reason. */
function checked<T>(check: (value: T) => string | null) {
  return (value: T, ctx: z.core.$RefinementCtx<T>) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

const text = ({ optional }: { optional: boolean }) =>
  z.string().trim().min(1, optional ? 'must not be empty (leave the key out instead)' : 'must not be empty');

/** One registry entry (CONTRACT §3 plus the fed311 keys of `Endpoint`); unknown keys are refused. */
export const endpointSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a slug: lower-case letters, digits and "-", not starting with "-"'),
    name: text({ optional: false }),
    base_url: z.string().trim().superRefine(checked(baseUrlProblem)).transform(normaliseBaseUrl),
    jurisdiction_id: text({ optional: true }).optional(),
    dialect: z.enum(dialectIds, { error: (issue) => `unknown dialect ${JSON.stringify(issue.input)} (known: ${dialectIds.join(', ')})` }),
    format: z.enum(['json', 'xml'], { error: 'must be json or xml' }).default(endpointDefaults.format),
    timezone: z.string().superRefine(checked(zoneProblem)),
    api_key_env: z.string().superRefine(checked(apiKeyEnvProblem)).optional(),
    page_size: z.int('must be a whole number').min(1, 'must be at least 1').max(1000, 'must be at most 1000').optional(),
    rate_limit_per_minute: z.number().positive('must be above 0').optional(),
    backfill_from: z.string().superRefine(checked(dateProblem)).optional(),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()], { error: 'must be [west, south, east, north]: four numbers' })
      .superRefine(checked(bboxProblem))
      .optional(),
    license: text({ optional: true }).optional(),
    enabled: z.boolean().default(endpointDefaults.enabled),
    concurrency: z.int('must be a whole number').min(1, 'must be at least 1').max(8, 'must be at most 8 (be polite to the server)')
      .default(endpointDefaults.concurrency),
    timeout_seconds: z.number().positive('must be above 0').max(600, 'must be at most 600').default(endpointDefaults.timeout_seconds),
    schedule: z.string().superRefine(checked(cronProblem)).default(endpointDefaults.schedule),
    trailing_days: z.int('must be a whole number').min(0, 'must be 0 or more').max(90, 'must be at most 90')
      .default(endpointDefaults.trailing_days),
    notes: text({ optional: true }).optional(),
    category_overrides: z
      .record(
        z.string().trim().min(1, 'a service_code must not be empty'),
        z.enum(categorySlugs, { error: (issue) => `unknown category ${JSON.stringify(issue.input)} (see config/taxonomy.yaml)` }),
        { error: 'must be a mapping of service_code to category slug' },
      )
      .optional(),
  })
  .strict();

export type EndpointEntry = z.output<typeof endpointSchema>;

// Compile-time checks that the schema and types.ts cannot drift apart: a parsed entry is an Endpoint, with no key Endpoint lacks.
const _parsedIsEndpoint = (entry: EndpointEntry): Endpoint => entry;
const _noExtraKeys: [Exclude<keyof EndpointEntry, keyof Endpoint>] extends [never] ? true : never = true;
