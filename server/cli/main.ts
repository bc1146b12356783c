import { loadConfig } from '../config.ts';
import { UsageError } from './usage-error.ts';

type Command = (args: string[]) => Promise<number>;

/**
 * A command's module is loaded when that command runs: each one pulls in a different part of fed311 (the server and
 * dashboard, DuckDB, the simulator's data), and loading them all made every command, `--help` included, spend 1.5 s
 * of CPU before doing anything (the simulator's startup counts against the harvest benchmark).
 */
const lazy = <M>(load: () => Promise<M>, pick: (module: M) => Command): Command => async (args) => pick(await load())(args);

const harvestCommand = lazy(() => import('./harvest-command.ts'), (m) => m.harvestCommand);
const simulateCommand = lazy(() => import('./simulate-command.ts'), (m) => m.simulateCommand);
const serveCommand = lazy(() => import('./serve-command.ts'), (m) => m.serveCommand);
const demoCommand = lazy(() => import('./demo-command.ts'), (m) => m.demoCommand);
const polygonsCommand = lazy(() => import('./polygons-command.ts'), (m) => m.polygonsCommand);
const checkCommand = lazy(() => import('./check-command.ts'), (m) => m.checkCommand);

const commands: Record<string, { summary: string; run: Command }> = {
  harvest: { summary: 'one harvest run now: fed311 harvest [--endpoint ID]... [--backfill-from DATE] [--json] [--db PATH] [--registry PATH]', run: harvestCommand },
  simulate: { summary: 'run the simulated federation: fed311 simulate [--port P] [--seed N] [--requests N] [--faults none|flaky|hostile] [--now ISO] [--registry-out PATH]', run: simulateCommand },
  serve: { summary: 'API + dashboard + scheduled harvests: fed311 serve [--port P] [--host H] [--db PATH] [--registry PATH] [--no-schedule]', run: serveCommand },
  demo: { summary: 'simulate + harvest + serve, offline: fed311 demo [--requests N] [--seed N] [--db PATH] [--port P] [--no-serve]', run: demoCommand },
  polygons: { summary: 'areas for group_by=polygon: fed311 polygons load FILE --id ID [--name N] [--id-property P] [--name-property P] [--db PATH] | polygons list [--json] [--db PATH]', run: polygonsCommand },
  check: { summary: 'check a live endpoint against GeoReport v2: fed311 check URL [--jurisdiction-id X] [--format json|xml] [--json] [--timeout S]', run: checkCommand },
};

export function usage(): string {
  return ['usage: fed311 <command> [options]', '', ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)].join('\n');
}

/** Runs one command; returns the exit code (0 success, 1 the job failed, 2 bad arguments). Errors are one line on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`fed311: unknown command "${name}" (known: ${Object.keys(commands).join(', ')})\n`);
    return 2;
  }
  try {
    loadConfig();
    return await command.run(rest);
  } catch (error) {
    const err = error as Error;
    process.stderr.write(`fed311 ${name}: ${err.message.split('\n').join('\n  ')}\n`);
    return err instanceof UsageError ? 2 : 1;
  }
}
