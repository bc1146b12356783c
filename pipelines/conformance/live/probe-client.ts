import type { Deps } from '../../deps.ts';
import { FetchError } from '../../fetch/errors.ts';
import { createGate } from '../../fetch/gate.ts';
import { createEndpointClient, defaultHttpOptions } from '../../fetch/http-client.ts';
import { BodyError, parseBody, type ParsedBody } from '../../parse/index.ts';
import type { Endpoint } from '../../registry/types.ts';

/** One answer of a live check: what the server said, parsed when it is a JSON or XML document. */
export interface Probe {
  /** The URL shown in reports (keys redacted), prefixed "GET ". */
  where: string;
  /** 0 when the server could not be reached. */
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
  body: ParsedBody | null;
  /** Why `body` is null (an HTML page, an empty body, a network error...). */
  problem: string | null;
}

export interface ProbeClient {
  format: 'json' | 'xml';
  jurisdictionId: string | null;
  /** GETs `path` (relative to the endpoint base, without the format suffix) with the jurisdiction and `params`. */
  get(path: string, params?: Record<string, string>): Promise<Probe>;
  /** GETs an absolute URL as it is (discovery lives outside the endpoint). */
  getUrl(url: URL): Promise<Probe>;
  base: URL;
  calls: { url: string; status: number; content_type: string | null }[];
}

/**
 * The HTTP side of `fed311 check`: the harvester's client (User-Agent, timeouts, size cap, retries of 429/5xx,
 * key redaction) behind a gate of one call at a time. Bodies are parsed but never retried: an HTML page where a
 * document belongs is a finding here, not a hiccup.
 */
export function createProbeClient({ baseUrl, format, jurisdictionId, deps, timeoutSeconds }: {
  baseUrl: string;
  format: 'json' | 'xml';
  jurisdictionId?: string;
  deps: Deps;
  timeoutSeconds: number;
}): ProbeClient {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const endpoint: Endpoint = {
    id: 'check', name: base.host, base_url: base.toString(), dialect: 'generic', format, timezone: 'UTC', enabled: true,
    concurrency: 1, timeout_seconds: timeoutSeconds, schedule: '0 0 * * *', trailing_days: 0,
  };
  const gate = createGate({ concurrency: 1, ratePerMinute: 120, next: (work) => work(), deps });
  const client = createEndpointClient({ endpoint, gate, deps, options: { ...defaultHttpOptions, maxRetries: 2, backoffBaseMs: 250 } });
  const calls: ProbeClient['calls'] = [];

  async function getUrl(url: URL): Promise<Probe> {
    let probe: Probe;
    try {
      probe = await client.get(url, (response) => {
        let body: ParsedBody | null = null;
        let problem: string | null = null;
        try {
          body = parseBody({ bytes: response.bytes, contentType: response.contentType, expected: format });
        } catch (error) {
          if (!(error instanceof BodyError)) throw error;
          problem = error.message;
        }
        return { where: `GET ${response.url}`, status: response.status, contentType: response.contentType, bytes: response.bytes, body, problem };
      });
    } catch (error) {
      const status = error instanceof FetchError ? (error.detail.status ?? 0) : 0;
      probe = { where: `GET ${url}`, status, contentType: null, bytes: new Uint8Array(0), body: null, problem: (error as Error).message };
    }
    calls.push({ url: probe.where.slice(4), status: probe.status, content_type: probe.contentType });
    return probe;
  }

  return {
    format,
    jurisdictionId: jurisdictionId ?? null,
    base,
    calls,
    getUrl,
    get: (path, params = {}) => {
      const url = new URL(`${path}.${format}`, base);
      if (jurisdictionId) url.searchParams.set('jurisdiction_id', jurisdictionId);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      return getUrl(url);
    },
  };
}
