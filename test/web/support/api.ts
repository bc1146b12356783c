/** Reads /api/v1 directly, as any client would, to hold the dashboard to what the API says. */
export async function apiJson<T>(base: string, path: string, params: Record<string, string | number> = {}): Promise<T> {
  const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
  const response = await fetch(`${base}/api/v1/${path}${query ? `?${query}` : ''}`);
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Counts every matching request by walking /api/v1/requests page by page (keyset cursor). */
export async function countRequests(base: string, filters: Record<string, string>): Promise<{ n: number; open: number }> {
  let cursor: string | null = null;
  let n = 0;
  let open = 0;
  do {
    const page: { rows: { status: string }[]; next: string | null } = await apiJson(base, 'requests', { ...filters, limit: 1000, ...(cursor ? { cursor } : {}) });
    n += page.rows.length;
    open += page.rows.filter((r) => r.status === 'open').length;
    cursor = page.next;
  } while (cursor);
  return { n, open };
}
