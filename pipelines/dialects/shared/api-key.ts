import type { Endpoint } from '../../registry/types.ts';
import type { UrlAuth } from '../types.ts';

/** The one place dialects read the environment: the registry names the variable, never the key (CONTRACT §3). */
export function apiKeyFromEnv({ endpoint, env = process.env }: { endpoint: Endpoint; env?: NodeJS.ProcessEnv }): string | null {
  if (!endpoint.api_key_env) return null;
  const value = env[endpoint.api_key_env]?.trim();
  return value ? value : null;
}

/** An explicit key (or explicit null) wins over the environment. */
export function resolveApiKey({ endpoint, auth }: { endpoint: Endpoint; auth?: UrlAuth }): string | null {
  return auth && auth.apiKey !== undefined ? auth.apiKey : apiKeyFromEnv({ endpoint });
}
