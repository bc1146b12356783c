import type { z } from 'zod';
import { ApiError, badParameter } from './errors.ts';
import { isListSchema } from './param-types.ts';

type Query = Record<string, string | string[] | undefined>;

/**
 * Validates a query string against a strict object schema: empty values count as absent (GeoReport §2.6), a
 * parameter the route does not know is refused, a repeated non-list parameter is refused, and every refusal
 * names its parameter.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, query: Query): z.output<S> {
  const input: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => v !== undefined && v !== '');
    if (values.length === 0) continue;
    // Own keys only: "__proto__" or "constructor" are unknown parameters, not the shape's prototype.
    if (!Object.hasOwn(schema.shape, name)) throw unknownParameter(name, Object.keys(schema.shape));
    const field = schema.shape[name] as z.ZodType;
    if (values.length > 1 && !isListSchema(field)) throw badParameter(name, 'given more than once');
    input[name] = values.join(',');
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const parameter = String(issue.path[0] ?? '');
  throw badParameter(parameter, describeIssue(issue, input[parameter]));
}

function unknownParameter(name: string, known: string[]): ApiError {
  const allowed = known.length ? `known: ${known.join(', ')}` : 'this route takes no parameters';
  return new ApiError({ status: 400, code: 'unknown_parameter', message: `${name}: unknown parameter (${allowed})`, parameter: name });
}

/** The problem, after the value it is about: the one bad item of a list, not the whole list. */
function describeIssue(issue: z.core.$ZodIssue, value: string | undefined): string {
  if (value === undefined) return 'is required';
  const index = issue.path[1];
  // Lists are split as optionalList splits them (param-types.ts), so the issue's index finds the item.
  const item = typeof index === 'number' ? value.split(',').map((part) => part.trim()).filter(Boolean)[index] : undefined;
  const about = item ?? value;
  return `${JSON.stringify(about.length > 60 ? `${about.slice(0, 60)}…` : about)}: ${issue.message}`;
}
