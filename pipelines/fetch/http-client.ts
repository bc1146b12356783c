import type { Deps } from '../deps.ts';
import type { Endpoint } from '../registry/types.ts';
import { BodyError } from '../parse/types.ts';
import type { Gate } from './gate.ts';
import { FetchError, isTransientStatus, parseRetryAfter } from './errors.ts';
import { redactUrl } from './redact-url.ts';

export interface FetchedResponse {
  url: string;
  status: number;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface HttpStats {
  calls: number;
  retries: number;
  bytes: number;
  latenciesMs: number[];
}

export interface HttpOptions {
  userAgent: string;
  /** Larger bodies are refused (terminal): a runaway answer must not exhaust memory. */
  maxBytes: number;
  maxRetries: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A Retry-After longer than this is cut to it. */
  maxRetryAfterMs: number;
}

export const defaultHttpOptions: HttpOptions = {
  userAgent: 'fed311/0.1 (Open311 GeoReport v2 aggregator; +https://github.com/fed311/fed311)',
  maxBytes: 64 * 1024 * 1024,
  maxRetries: 5,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  maxRetryAfterMs: 300_000,
};

export interface EndpointClient {
  /** GETs `url`; non-transient answers go to `accept`, which returns a value or throws (BodyError ⇒ retried). */
  get<T>(url: URL, accept: (response: FetchedResponse) => T | Promise<T>): Promise<T>;
  stats: HttpStats;
}

export function createEndpointClient({
  endpoint,
  gate,
  deps,
  options = defaultHttpOptions,
}: {
  endpoint: Endpoint;
  /** The endpoint's politeness gate (gates.ts), shared by every call to it. */
  gate: Gate;
  deps: Deps;
  options?: HttpOptions;
}): EndpointClient {
  const stats: HttpStats = { calls: 0, retries: 0, bytes: 0, latenciesMs: [] };
  const timeoutMs = endpoint.timeout_seconds * 1000;

  async function attempt(url: URL): Promise<FetchedResponse> {
    stats.calls++;
    const started = performance.now();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const shown = redactUrl(url);
    try {
      const response = await deps.fetch(url, {
        headers: { 'user-agent': options.userAgent, accept: acceptHeader(endpoint.format) },
        signal: controller.signal,
      });
      const bytes = await readCapped(response, options.maxBytes, shown, controller);
      stats.bytes += bytes.byteLength;
      stats.latenciesMs.push(performance.now() - started);
      if (isTransientStatus(response.status)) {
        throw new FetchError(`GET ${shown}: HTTP ${response.status}`, true, {
          url: shown,
          status: response.status,
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), deps.now()),
        });
      }
      return { url: shown, status: response.status, contentType: response.headers.get('content-type'), bytes };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      const reason = controller.signal.aborted ? `timed out after ${endpoint.timeout_seconds}s` : networkReason(error as Error);
      throw new FetchError(`GET ${shown}: ${reason}`, true, { url: shown });
    } finally {
      clearTimeout(timer);
    }
  }

  async function get<T>(url: URL, accept: (response: FetchedResponse) => T | Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await accept(await gate.run(() => attempt(url)));
      } catch (error) {
        const transient = (error instanceof FetchError && error.transient) || error instanceof BodyError;
        if (!transient || tries >= options.maxRetries) throw withUrl(error, url);
        const retryAfter = error instanceof FetchError ? error.detail.retryAfterMs : undefined;
        const delay = retryAfter !== undefined ? Math.min(retryAfter, options.maxRetryAfterMs) : backoff(tries);
        if (retryAfter !== undefined) gate.pauseFor(delay);
        stats.retries++;
        deps.logger.debug({ endpoint: endpoint.id, url: redactUrl(url), error: (error as Error).message, delay }, 'retrying');
        await deps.sleep(delay);
      }
    }
  }

  // Exponential backoff with full jitter.
  function backoff(tries: number): number {
    const ceiling = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** tries);
    return Math.round(deps.random() * ceiling);
  }

  return { get, stats };
}

/** undici says only "fetch failed"; the reason (DNS, refused, reset, TLS) is in its cause. */
function networkReason(error: Error): string {
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail && !error.message.includes(detail) ? `${error.message} (${cause?.message ?? detail})` : error.message;
}

function acceptHeader(format: 'json' | 'xml'): string {
  return format === 'json' ? 'application/json, text/xml;q=0.5, */*;q=0.1' : 'text/xml, application/xml, */*;q=0.1';
}

async function readCapped(response: Response, maxBytes: number, shown: string, controller: AbortController): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    controller.abort();
    throw new FetchError(`GET ${shown}: response of ${declared} bytes exceeds the ${maxBytes}-byte cap`, false, { url: shown });
  }
  if (!response.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const part of response.body) {
    total += part.byteLength;
    if (total > maxBytes) {
      controller.abort();
      throw new FetchError(`GET ${shown}: response exceeds the ${maxBytes}-byte cap`, false, { url: shown });
    }
    parts.push(part);
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

function withUrl(error: unknown, url: URL): Error {
  if (error instanceof FetchError) return error;
  const err = error as Error;
  const shown = redactUrl(url);
  if (err.message.includes(shown)) return err;
  const wrapped = new Error(`GET ${shown}: ${err.message}`, { cause: err });
  wrapped.name = err.name;
  return wrapped;
}
