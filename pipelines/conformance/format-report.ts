import type { Severity } from './catalog.ts';
import type { CheckReport } from './live/check-endpoint.ts';

const headings: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The readable form of a check: findings grouped by severity, each with its id, message, count and one example. */
export function formatReport(report: CheckReport): string {
  const lines = [
    `fed311 check ${report.url} (${report.format}${report.jurisdiction_id ? `, jurisdiction_id ${report.jurisdiction_id}` : ''})`,
    `${plural(report.calls.length, 'call')}: ${plural(report.counts.error, 'error')}, ${plural(report.counts.warning, 'warning')}, ${report.counts.info} info — ` +
      (report.conformant ? 'conformant' : 'NOT conformant'),
  ];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', headings[severity]);
    for (const finding of group) {
      lines.push(`  ${finding.check_id} (×${finding.count}): ${finding.message}`, `      e.g. ${finding.example}`);
    }
  }
  lines.push('', 'Conformant = no errors; warnings and info are reported but do not fail the check (docs/conformance.md).');
  return lines.join('\n');
}
