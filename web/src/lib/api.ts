/** The dashboard's only data source: the public /api/v1, fetched with SvelteKit's fetch (same origin in SSR too). */
export type Fetch = typeof fetch;
export type Params = Record<string, string | number | boolean | null | undefined | string[]>;

/** An /api/v1 error answer (CONTRACT §5's one error shape), or an unreachable API. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `/api/v1/<path>?<params>`: empty values left out, lists joined with commas. */
export function apiUrl(path: string, params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(','));
    } else search.set(key, String(value));
  }
  const query = search.toString();
  return `/api/v1/${path}${query ? `?${query}` : ''}`;
}

export async function getJson<T>(fetcher: Fetch, path: string, params: Params = {}): Promise<T> {
  const url = apiUrl(path, params);
  const response = await fetcher(url).catch((error: Error & { cause?: Error }) => {
    throw new ApiError(0, `${url}: ${error.message}${error.cause ? ` (${error.cause.message})` : ''}`);
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(response.status, body?.error?.message ?? `${url} answered ${response.status}`);
  }
  return (await response.json()) as T;
}

/** Runs a load step, turning its failure into a message the page shows in place of the part it feeds. */
export async function settle<T>(work: Promise<T>): Promise<{ value: T; error: null } | { value: null; error: string }> {
  try {
    return { value: await work, error: null };
  } catch (error) {
    return { value: null, error: (error as Error).message };
  }
}
