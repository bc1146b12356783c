import { z } from 'zod';
import { badParameter } from './errors.ts';

/** A free-text value: printable, well-formed Unicode, bounded (hostile strings are refused, not passed to SQL). */
export const text = ({ max = 200 }: { max?: number } = {}) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .refine((s) => !/[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s), 'contains control characters or broken Unicode');

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
// GeoReport §3: a date-time carries a zone (Z or ±hh:mm); fractions and a colon-less offset are tolerated.
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** ISO 8601 with a zone, or a bare date read as midnight UTC; → Date. */
export const isoDateTime = z
  .string()
  .refine((s) => (dateOnly.test(s) || dateTime.test(s)) && !Number.isNaN(Date.parse(s)), {
    message: 'is not an ISO 8601 date-time with a zone (e.g. 2026-01-01T00:00:00Z) or a date (2026-01-01)',
  })
  .transform((s) => new Date(dateOnly.test(s) ? `${s}T00:00:00Z` : s));

/** A whole number in [min, max], given as text. */
export const intText = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,9}$/, 'is not a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A finite number in [min, max], given as text. */
export const numberText = (min: number, max: number) =>
  z
    .string()
    .regex(/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/, 'is not a number')
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const booleanText = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((s) => s === 'true');

/** `west,south,east,north` in WGS84 degrees. */
export const bboxText = z
  .string()
  .transform((s) => s.split(',').map((part) => Number(part.trim())))
  .refine((n) => n.length === 4 && n.every(Number.isFinite), 'must be four numbers: west,south,east,north')
  .refine(([w, s, e, n]) => w! >= -180 && e! <= 180 && s! >= -90 && n! <= 90, 'must lie within -180..180, -90..90')
  .refine(([w, s, e, n]) => w! <= e! && s! <= n!, 'west must not exceed east, nor south north')
  .transform((n) => n as [number, number, number, number]);

export const slug = text({ max: 100 });

/** An optional list parameter: a comma list, repeatable, each item checked by `item`. */
export function optionalList<T extends z.ZodType<unknown, string>>(item: T, { max = 100 }: { max?: number } = {}) {
  return z
    .string()
    .transform((value) => value.split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(item).min(1, 'must name at least one value').max(max, `at most ${max} values`))
    .optional();
}

/** Whether a parameter is a list (only lists may repeat in a query string): an optional pipe into an array. */
export function isListSchema(schema: z.ZodType): boolean {
  let def = schema._zod.def as { type: string; innerType?: z.ZodType; out?: z.ZodType };
  if (def.type === 'optional') def = def.innerType!._zod.def as typeof def;
  return def.type === 'pipe' && def.out!._zod.def.type === 'array';
}

/**
 * Refuses a range whose end comes before its start (an empty answer would hide the caller's mistake), naming the
 * end parameter. Pairs are [start name, end name] of parameters already parsed to dates.
 */
export function checkRanges(params: Record<string, unknown>, pairs: readonly (readonly [string, string])[]): void {
  for (const [start, end] of pairs) {
    const [from, to] = [params[start], params[end]];
    if (from instanceof Date && to instanceof Date && to < from) throw badParameter(end, `${to.toISOString()} is before ${start} ${from.toISOString()}`);
  }
}
