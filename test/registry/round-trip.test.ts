import { describe, expect, test } from 'vitest';
import { loadRegistry, parseRegistry, registryToYaml } from '../../pipelines/registry/load.ts';
import type { Endpoint } from '../../pipelines/registry/types.ts';
import { minimalEntry, parseEntries } from './entries.ts';

const everyKey: Endpoint = {
  id: 'everything',
  name: 'Every: key, set',
  base_url: 'https://x.example/open311/v2/',
  jurisdiction_id: 'x.example',
  dialect: 'markaspot',
  format: 'xml',
  timezone: 'Europe/Berlin',
  api_key_env: 'X_OPEN311_KEY',
  page_size: 100,
  rate_limit_per_minute: 30,
  backfill_from: '2024-01-01',
  bbox: [6.77, 50.83, 7.17, 51.09],
  license: 'CC BY 4.0',
  enabled: false,
  concurrency: 2,
  timeout_seconds: 45,
  schedule: '0 */2 * * *',
  trailing_days: 7,
  notes: "Quotes ' \" and # hashes: all kept",
};

describe('registryToYaml', () => {
  test('round-trips the shipped registry to equal entries', async () => {
    const shipped = await loadRegistry({ path: new URL('../../config/endpoints.yaml', import.meta.url).pathname });
    expect(parseRegistry({ text: registryToYaml(shipped), format: 'yaml' })).toEqual(shipped);
  });

  test('round-trips an entry with every key set', () => {
    expect(parseRegistry({ text: registryToYaml({ endpoints: [everyKey] }), format: 'yaml' })).toEqual([everyKey]);
  });

  test('writes keys in CONTRACT §3 order and leaves defaults out', () => {
    const [minimal] = parseEntries([minimalEntry]);
    const text = registryToYaml([minimal as Endpoint]);
    expect(text).toBe([
      '- id: springfield',
      '  name: Springfield',
      '  base_url: https://311.springfield.example/open311/v2/',
      '  dialect: generic',
      '  timezone: America/Chicago',
      '',
    ].join('\n'));
    expect(registryToYaml([everyKey]).split('\n').map((line) => line.replace(/^[- ] /, '').split(':')[0]).filter(Boolean))
      .toEqual(Object.keys(everyKey));
  });

  test('writes bbox on one line and a header as a comment', () => {
    const text = registryToYaml({ endpoints: [everyKey], header: 'fed311 simulator registry\nport 4311' });
    expect(text.startsWith('# fed311 simulator registry\n# port 4311\n')).toBe(true);
    expect(text).toContain('  bbox: [6.77, 50.83, 7.17, 51.09]\n');
  });
});
