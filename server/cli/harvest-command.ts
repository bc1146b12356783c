import { defaultDeps } from '../../pipelines/deps.ts';
import { harvest } from '../../pipelines/harvest.ts';
import { harvestDuckdbThreads, openStore } from '../../pipelines/load/store.ts';
import { loadRegistry } from '../../pipelines/registry/load.ts';
import { loadConfig, storeSettings } from '../config.ts';
import { createLogger } from '../logger.ts';
import { dateOption, parseCommandArgs } from './parse-args.ts';
import { formatSummaryTable } from './summary-table.ts';
import { UsageError } from './usage-error.ts';

export async function harvestCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    endpoint: { type: 'string', multiple: true },
    'backfill-from': { type: 'string' },
    json: { type: 'boolean' },
    db: { type: 'string' },
    registry: { type: 'string' },
  });
  const config = loadConfig();
  let endpoints = await loadRegistry({ path: values.registry ?? config.registry });
  if (values.endpoint?.length) {
    const unknown = values.endpoint.filter((id) => !endpoints.some((e) => e.id === id));
    if (unknown.length) throw new UsageError(`--endpoint: no endpoint "${unknown.join('", "')}" in the registry`);
    endpoints = endpoints.filter((e) => values.endpoint!.includes(e.id)).map((e) => ({ ...e, enabled: true }));
  }
  const backfillFrom = dateOption('backfill-from', values['backfill-from']);
  if (backfillFrom) endpoints = endpoints.map((e) => ({ ...e, backfill_from: backfillFrom.toISOString().slice(0, 10) }));

  const store = await openStore({ path: values.db ?? config.db, ...storeSettings(config, harvestDuckdbThreads) });
  try {
    const summaries = await harvest({ store, endpoints, deps: defaultDeps({ logger: createLogger(config.logLevel) }) });
    process.stdout.write(values.json ? summaries.map((s) => JSON.stringify(s)).join('\n') + '\n' : `${formatSummaryTable(summaries)}\n`);
    return summaries.every((s) => s.outcome === 'ok') ? 0 : 1;
  } finally {
    await store.close();
  }
}
