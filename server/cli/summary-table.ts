import type { EndpointSummary } from '../../pipelines/harvest.ts';

const columns: [string, (s: EndpointSummary) => string | number][] = [
  ['endpoint', (s) => s.endpoint_id],
  ['mode', (s) => s.mode],
  ['outcome', (s) => s.outcome],
  ['seen', (s) => s.records_seen],
  ['inserted', (s) => s.inserted],
  ['updated', (s) => s.updated],
  ['rejected', (s) => s.rejected],
  ['calls', (s) => s.http_calls],
  ['retries', (s) => s.retries],
  ['seconds', (s) => s.seconds.toFixed(1)],
];

/** A plain-text table of harvest summaries, with each error and warning under it. */
export function formatSummaryTable(summaries: readonly EndpointSummary[]): string {
  const cells = summaries.map((s) => columns.map(([, get]) => String(get(s))));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const notes = summaries.flatMap((s) => [
    ...(s.error ? [`${s.endpoint_id}: error: ${s.error}`] : []),
    ...s.warnings.map((w) => `${s.endpoint_id}: warning: ${w}`),
  ]);
  return [line(columns.map(([title]) => title)), ...cells.map(line), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
