/** Why a fetch failed, split as dlt does: transient errors are retried, terminal ones end the call at once. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly detail: { url: string; status?: number; retryAfterMs?: number } ,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** Retry only 429, 5xx (and timeouts/network errors, raised elsewhere). */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
