/** The periods /api/v1/metrics takes (docs/api.md). */
export const periods = ['day', 'week', 'month', 'quarter', 'year'] as const;

export const oneOf = (allowed: readonly string[]): string => `must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;

/**
 * Why a URL value cannot be shown, worded like /api/v1's 400s (`parameter: "value": why`) so a bad link reads the
 * same on every page, or null when it is fine. For values the API itself lets through (the metrics take any category
 * slug and answer no rows) or that a control has no option for.
 */
export function badValue(parameter: string, value: string, allowed: readonly string[], why: string): string | null {
  return allowed.includes(value) ? null : `${parameter}: "${value}": ${why}`;
}
