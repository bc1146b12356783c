import { defaultDeps } from '../../pipelines/deps.ts';
import { formatReport } from '../../pipelines/conformance/format-report.ts';
import { checkEndpoint } from '../../pipelines/conformance/live/check-endpoint.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { intOption, parseCommandArgs } from './parse-args.ts';
import { UsageError } from './usage-error.ts';

const formats = ['json', 'xml'] as const;

/** `fed311 check URL`: exit 0 when the endpoint is conformant (no error-level finding), 1 otherwise, 2 bad arguments. */
export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'jurisdiction-id': { type: 'string' },
    json: { type: 'boolean' },
    format: { type: 'string' },
    timeout: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one endpoint URL, got ${positionals.length}: fed311 check URL [--jurisdiction-id X] [--format json|xml] [--json]`);
  const url = positionals[0]!;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`"${url}" is not an http(s) URL`);
  const format = values.format ?? 'json';
  if (!formats.includes(format as (typeof formats)[number])) throw new UsageError(`--format: "${format}" is not one of ${formats.join(', ')}`);
  const config = loadConfig();
  const report = await checkEndpoint({
    url,
    format: format as (typeof formats)[number],
    jurisdictionId: values['jurisdiction-id'],
    deps: defaultDeps({ logger: createLogger(config.logLevel) }),
    timeoutSeconds: intOption('timeout', values.timeout, 20, 1),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  return report.conformant ? 0 : 1;
}
