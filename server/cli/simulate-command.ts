import { writeFileSync } from 'node:fs';
import { startSimulator } from '../simulator/index.ts';
import { dateOption, intOption, parseCommandArgs } from './parse-args.ts';
import { UsageError } from './usage-error.ts';

const faultProfiles = ['none', 'flaky', 'hostile'] as const;

/** Runs the simulated federation until interrupted; prints the registry that points at it on stdout. */
export async function simulateCommand(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    requests: { type: 'string' },
    faults: { type: 'string' },
    now: { type: 'string' },
    'registry-out': { type: 'string' },
  });
  const faults = values.faults ?? 'none';
  if (!faultProfiles.includes(faults as (typeof faultProfiles)[number])) {
    throw new UsageError(`--faults: "${faults}" is not one of ${faultProfiles.join(', ')}`);
  }
  const simulator = await startSimulator({
    port: intOption('port', values.port, 0),
    host: values.host ?? '127.0.0.1',
    seed: intOption('seed', values.seed, 1),
    requests: intOption('requests', values.requests, 100_000, 1),
    faults: faults as (typeof faultProfiles)[number],
    now: dateOption('now', values.now),
  });
  const yaml = simulator.registryYaml();
  if (values['registry-out']) writeFileSync(values['registry-out'], yaml);
  process.stdout.write(yaml);
  process.stderr.write(
    `fed311 simulate: ${simulator.url} (clock ${simulator.now().toISOString()}; truth at ${simulator.url}/_sim/state; ` +
      `advance with POST ${simulator.url}/_sim/advance?hours=N). Ctrl-C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await simulator.close();
  return 0;
}
