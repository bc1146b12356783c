/** One harvested source, as declared in the registry (CONTRACT §3). Parsed and defaulted by registry/load.ts. */
export interface Endpoint {
  id: string;
  name: string;
  /** Always ends with "/". */
  base_url: string;
  jurisdiction_id?: string;
  dialect: string;
  format: 'json' | 'xml';
  /** IANA zone; naive timestamps from this source are read in it. */
  timezone: string;
  /** Name of the environment variable holding the key; the key itself is never stored. */
  api_key_env?: string;
  page_size?: number;
  rate_limit_per_minute?: number;
  /** YYYY-MM-DD */
  backfill_from?: string;
  /** [west, south, east, north] */
  bbox?: [number, number, number, number];
  license?: string;
  // fed311 additions to CONTRACT §3
  enabled: boolean;
  /** Requests in flight to this endpoint at once. */
  concurrency: number;
  timeout_seconds: number;
  /** node-cron expression; default every 15 minutes. */
  schedule: string;
  /** Days re-scanned on incremental runs of endpoints without an updated_after filter. */
  trailing_days: number;
  /** Free text shown next to the endpoint (why a dialect or format was chosen, known problems). */
  notes?: string;
  /** service_code → taxonomy category slug, for services the rules get wrong (config/taxonomy.yaml). */
  category_overrides?: Record<string, string>;
}
