/** The process environment, read here and nowhere else (CONTRACT §4), fully defaulted. */
export interface Config {
  /** DuckDB file. */
  db: string;
  /** DuckDB memory_limit: its share of the process's memory. */
  duckdbMemory: string;
  /** DuckDB threads; null: each command's default (`fed311 harvest` 1, `serve` and `demo` DuckDB's, one per core). */
  duckdbThreads: number | null;
  port: number;
  registry: string;
  adminToken: string | null;
  mapStyle: string | null;
  logLevel: string;
}

/** openStore's DuckDB settings from the environment; `threads`: the command's own default, used when FED311_DUCKDB_THREADS is unset. */
export function storeSettings(config: Config, threads?: number): { memoryLimit: string; threads?: number } {
  return { memoryLimit: config.duckdbMemory, threads: config.duckdbThreads ?? threads };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return {
    db: env.FED311_DB || 'data/fed311.duckdb',
    duckdbMemory: parseMemory(env.FED311_DUCKDB_MEMORY),
    duckdbThreads: parseThreads(env.FED311_DUCKDB_THREADS),
    port: parsePort(env.FED311_PORT),
    registry: env.FED311_REGISTRY || 'config/endpoints.yaml',
    adminToken: env.FED311_ADMIN_TOKEN || null,
    mapStyle: env.FED311_MAP_STYLE || null,
    logLevel: env.FED311_LOG_LEVEL || 'info',
  };
}

function parsePort(value: string | undefined): number {
  if (!value) return 3311;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`FED311_PORT: "${value}" is not a port number`);
  return port;
}

function parseMemory(value: string | undefined): string {
  if (!value) return '192MB';
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value.trim())) {
    throw new Error(`FED311_DUCKDB_MEMORY: "${value}" is not a size such as 256MB or 2GB`);
  }
  return value.trim();
}

function parseThreads(value: string | undefined): number | null {
  if (!value) return null;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new Error(`FED311_DUCKDB_THREADS: "${value}" is not a thread count such as 1 or 4`);
  return threads;
}
