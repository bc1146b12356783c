import { z } from 'zod';
import type { RouteSpec } from '../../../server/http/route.ts';

/** A concrete path for a route: path parameters filled from `values` (format → json unless given). */
export function pathFor(route: RouteSpec, values: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? (name === 'format' ? 'json' : 'x'));
}

export interface Refusal {
  status: number;
  /** The parameter the refusal names (GeoReport: the text before the first colon of the description). */
  parameter: string | null;
}

/** Reads either error shape — CONTRACT §5 under /api/v1, the GeoReport error list under /open311 — or throws. */
export function readRefusal(path: string, status: number, json: unknown): Refusal {
  if (path.startsWith('/open311/')) {
    const list = json as { code: number; description: string }[];
    if (!Array.isArray(list) || list.length !== 1 || list[0]!.code !== status || typeof list[0]!.description !== 'string') {
      throw new Error(`not a GeoReport error list: ${JSON.stringify(json)}`);
    }
    return { status, parameter: /^([^:]*):/s.exec(list[0]!.description)?.[1] ?? null };
  }
  const error = (json as { error?: Record<string, unknown> }).error;
  const keys = error ? Object.keys(error).sort().join(',') : '';
  if (keys !== 'code,message,parameter,status' || error!.status !== status || typeof error!.message !== 'string') {
    throw new Error(`not the error shape: ${JSON.stringify(json)}`);
  }
  return { status, parameter: error!.parameter as string | null };
}

/** Where a served body departs from its documented schema, readably: the first `max` issues ('' when it matches). */
export function issuesOf(schema: z.ZodType, body: unknown, { max = 8 }: { max?: number } = {}): string {
  const result = schema.safeParse(body);
  if (result.success) return '';
  const { issues } = result.error;
  const shown = z.prettifyError(new z.ZodError(issues.slice(0, max)));
  return issues.length > max ? `${shown}\n… and ${issues.length - max} more issues` : shown;
}
