import { defaultDeps } from '../../pipelines/deps.ts';
import { harvest } from '../../pipelines/harvest.ts';
import { openStore } from '../../pipelines/load/store.ts';
import { loadConfig, storeSettings } from '../config.ts';
import { startServer, untilSignal } from '../http/start-server.ts';
import { createLogger } from '../logger.ts';
import { catchUp, startOfHour, startSimulator } from '../simulator/index.ts';
import { intOption, parseCommandArgs } from './parse-args.ts';
import { optionalDashboard } from './serve-command.ts';
import { formatSummaryTable } from './summary-table.ts';

/**
 * The offline first look: the simulated federation, harvested into data/demo.duckdb, then served (API, GeoReport,
 * dashboard) with the schedule re-harvesting the simulator, until Ctrl-C. `--no-serve` stops after the harvest.
 */
export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    requests: { type: 'string' },
    seed: { type: 'string' },
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'no-serve': { type: 'boolean' },
  });
  const config = loadConfig();
  const requests = intOption('requests', values.requests, 50_000, 1);
  const port = intOption('port', values.port, config.port);
  // The demo's city lives on the real clock: it starts at this hour and keeps up (below), so its figures are
  // current (no request looks two weeks old) and each scheduled harvest finds the requests and closures since the last.
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', seed: intOption('seed', values.seed, 7), requests, faults: 'none', now: startOfHour(Date.now()) });
  const dbPath = values.db ?? 'data/demo.duckdb';
  const store = await openStore({ path: dbPath, ...storeSettings(config) });
  const deps = defaultDeps({ logger: createLogger(config.logLevel) });
  try {
    process.stderr.write(`fed311 demo: simulated federation at ${simulator.url} with ${requests} requests; harvesting into ${dbPath}\n`);
    const summaries = await harvest({ store, endpoints: simulator.registry(), deps });
    process.stdout.write(`${formatSummaryTable(summaries)}\n`);
    const [totals] = await store.query<{ requests: number; open: number; endpoints: number }>(
      `SELECT count(*) AS requests, count(*) FILTER (status = 'open') AS open, count(DISTINCT endpoint_id) AS endpoints FROM service_requests`,
    );
    process.stdout.write(`\nstored: ${totals!.requests} requests (${totals!.open} open) from ${totals!.endpoints} endpoints in ${dbPath}\n`);
    const ok = summaries.every((s) => s.outcome === 'ok');
    if (values['no-serve'] || !ok) return ok ? 0 : 1;
    const running = await startServer({
      store, deps, endpoints: simulator.registry(), schedule: true, port, host: values.host ?? '127.0.0.1',
      adminToken: config.adminToken, dashboard: await optionalDashboard(),
    });
    process.stdout.write(`\nfed311 demo: serving at ${running.url}  (API docs ${running.url}/api/v1/docs, GeoReport ${running.url}/open311/v2/discovery.json). Ctrl-C stops.\n`);
    const keepUp = setInterval(() => catchUp(simulator, Date.now()), 60_000);
    await untilSignal();
    clearInterval(keepUp);
    await running.close();
    return 0;
  } finally {
    await store.close();
    await simulator.close();
  }
}
