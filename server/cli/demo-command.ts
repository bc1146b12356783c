import { defaultDeps } from '../../pipelines/deps.ts';
import { harvest } from '../../pipelines/harvest.ts';
import { openStore } from '../../pipelines/load/store.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startSimulator } from '../simulator/index.ts';
import { intOption, parseCommandArgs } from './parse-args.ts';
import { formatSummaryTable } from './summary-table.ts';

/** The offline first look: the simulated federation, harvested into data/demo.duckdb, with the summary printed. */
export async function demoCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    requests: { type: 'string' },
    seed: { type: 'string' },
    db: { type: 'string' },
  });
  const config = loadConfig();
  const requests = intOption('requests', values.requests, 50_000, 1);
  const simulator = await startSimulator({ port: 0, host: '127.0.0.1', seed: intOption('seed', values.seed, 7), requests, faults: 'none' });
  const dbPath = values.db ?? 'data/demo.duckdb';
  const store = await openStore({ path: dbPath, memoryLimit: config.duckdbMemory });
  try {
    process.stderr.write(`fed311 demo: simulated federation at ${simulator.url} with ${requests} requests; harvesting into ${dbPath}\n`);
    const summaries = await harvest({ store, endpoints: simulator.registry(), deps: defaultDeps({ logger: createLogger(config.logLevel) }) });
    process.stdout.write(`${formatSummaryTable(summaries)}\n`);
    const [totals] = await store.query<{ requests: number; open: number; endpoints: number }>(
      `SELECT count(*) AS requests, count(*) FILTER (status = 'open') AS open, count(DISTINCT endpoint_id) AS endpoints FROM service_requests`,
    );
    process.stdout.write(`\nstored: ${totals!.requests} requests (${totals!.open} open) from ${totals!.endpoints} endpoints in ${dbPath}\n`);
    return summaries.every((s) => s.outcome === 'ok') ? 0 : 1;
  } finally {
    await store.close();
    await simulator.close();
  }
}
