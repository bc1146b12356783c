import { existsSync } from 'node:fs';
import type Koa from 'koa';
import { defaultDeps } from '../../pipelines/deps.ts';
import { openStore } from '../../pipelines/load/store.ts';
import { loadRegistry } from '../../pipelines/registry/load.ts';
import { loadConfig, storeSettings } from '../config.ts';
import { startServer, untilSignal } from '../http/start-server.ts';
import { createLogger } from '../logger.ts';
import { intOption, parseCommandArgs } from './parse-args.ts';

/** `fed311 serve`: one process owning the DuckDB file, running the harvest schedule and serving API + dashboard. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    registry: { type: 'string' },
    'no-schedule': { type: 'boolean' },
  });
  const config = loadConfig();
  const port = intOption('port', values.port, config.port);
  const registryPath = values.registry ?? config.registry;
  const endpoints = await loadRegistry({ path: registryPath });
  const deps = defaultDeps({ logger: createLogger(config.logLevel) });
  const dbPath = values.db ?? config.db;
  const store = await openStore({ path: dbPath, ...storeSettings(config) });
  try {
    const running = await startServer({
      store, deps, endpoints,
      loadEndpoints: () => loadRegistry({ path: registryPath }),
      schedule: !values['no-schedule'],
      port,
      host: values.host ?? '127.0.0.1',
      adminToken: config.adminToken,
      dashboard: await optionalDashboard(),
    });
    process.stderr.write(`fed311 serve: ${running.url} (API ${running.url}/api/v1/docs, GeoReport ${running.url}/open311/v2/discovery.json; ${endpoints.length} endpoints, ${values['no-schedule'] ? 'no schedule' : 'harvests scheduled'}; db ${dbPath}). Ctrl-C stops.\n`);
    await untilSignal();
    await running.close();
    return 0;
  } finally {
    await store.close();
  }
}

/** The dashboard when its module and its build exist (it is built separately: web/). */
export async function optionalDashboard(): Promise<Koa.Middleware | null> {
  if (!existsSync(new URL('../dashboard.ts', import.meta.url))) return null;
  const { loadDashboard } = (await import('../dashboard.ts')) as { loadDashboard: () => Promise<Koa.Middleware | null> };
  return loadDashboard();
}
