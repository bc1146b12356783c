import { checks, severityRank, type CheckId, type Severity } from './catalog.ts';

/**
 * What checks saw, aggregated: per check id a count and the first example. Plain data, so a page worker's
 * observations cross the thread boundary cheaply and merge in the main thread.
 */
export type Observations = Partial<Record<CheckId, { count: number; example: string }>>;

/** One finding as endpoint_checks stores it and `fed311 check` prints it. */
export interface Finding {
  check_id: CheckId;
  severity: Severity;
  message: string;
  count: number;
  example: string;
}

const exampleLength = 400;

/** Counts one more `id`; `example` may be a function, so that only the first sighting pays for building the text. */
export function observe(into: Observations, id: CheckId, example: string | (() => string), count = 1): void {
  const seen = into[id];
  if (seen) {
    seen.count += count;
    return;
  }
  const text = typeof example === 'string' ? example : example();
  into[id] = { count, example: text.length > exampleLength ? `${text.slice(0, exampleLength - 1)}…` : text };
}

/** Adds `from` to `into`; the first example stays. */
export function mergeObservations(into: Observations, from: Observations): void {
  for (const [id, seen] of Object.entries(from) as [CheckId, { count: number; example: string }][]) observe(into, id, seen.example, seen.count);
}

/** Findings, errors first, then by id. */
export function toFindings(observations: Observations): Finding[] {
  return (Object.entries(observations) as [CheckId, { count: number; example: string }][])
    .map(([id, seen]) => ({ check_id: id, severity: checks[id].severity, message: checks[id].message, count: seen.count, example: seen.example }))
    .sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.check_id.localeCompare(b.check_id));
}

/** Conformant = no error-level finding (warnings and info do not fail an endpoint). */
export function isConformant(findings: readonly Finding[]): boolean {
  return findings.every((finding) => finding.severity !== 'error');
}

/** A value quoted for an example, short. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
