import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { dialectIds } from '../../pipelines/dialects/index.ts';
import { loadRegistry } from '../../pipelines/registry/load.ts';
import { registryKeyOrder } from '../../pipelines/registry/to-yaml.ts';

const root = new URL('../../', import.meta.url);
const shippedPath = new URL('config/endpoints.yaml', root).pathname;
const examplePath = new URL('config/endpoints.example.yaml', root).pathname;

// Page size limits per dialect, from docs/dialects.md (null: the dialect does not page)
const maxPageSize: Record<string, number | null> = {
  generic: null, fixmystreet: null, chicago: 500, connectedbits: 100, seeclickfix: 20, citysdk: 500, ureport: 1000, markaspot: 100,
};

describe('config/endpoints.yaml', async () => {
  const endpoints = await loadRegistry({ path: shippedPath });
  const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));

  test('loads, and every dialect it names exists', () => {
    expect(endpoints.length).toBeGreaterThan(50);
    for (const endpoint of endpoints) expect(dialectIds).toContain(endpoint.dialect);
  });

  test('lists each base URL once', () => {
    const urls = endpoints.map((endpoint) => endpoint.base_url.replace(/^https?:\/\//, '').toLowerCase());
    expect(new Set(urls).size).toBe(urls.length);
  });

  test('says why every disabled endpoint is disabled', () => {
    for (const endpoint of endpoints.filter((e) => !e.enabled)) expect(endpoint.notes, endpoint.id).toBeTruthy();
  });

  test('keeps page sizes within each dialect and leaves them out where the dialect does not page', () => {
    for (const { id, dialect, page_size } of endpoints) {
      const max = maxPageSize[dialect];
      if (max === null) expect(page_size, id).toBeUndefined();
      else if (page_size !== undefined) expect(page_size, id).toBeLessThanOrEqual(max ?? 0);
    }
  });

  test('stays polite: SeeClickFix at 20 calls a minute, everyone else at 60 or less', () => {
    for (const { id, dialect, rate_limit_per_minute } of endpoints) {
      expect(rate_limit_per_minute, id).toBeLessThanOrEqual(dialect === 'seeclickfix' ? 20 : 60);
    }
  });

  test('keeps the lists\' known quirks as decided', () => {
    expect(byId.get('annaberg-buchholz')?.jurisdiction_id).toBe('annberg-buchholz.de');
    expect(byId.get('bonn')?.jurisdiction_id).toBe('bonn.de');
    for (const id of ['washington-dc', 'alexandria', 'greenwich', 'san-francisco']) expect(byId.get(id)?.format, id).toBe('xml');
    expect(byId.get('chicago')).toMatchObject({ dialect: 'chicago', timezone: 'America/Chicago' });
    expect(byId.get('gilbert')?.base_url).toBe('https://seeclickfix.com/open311/v2/655/');
  });

  test('docs/registry.md lists every shipped endpoint with its dialect and state', () => {
    const docs = readFileSync(new URL('docs/registry.md', root), 'utf8');
    for (const { id, dialect, format, enabled } of endpoints) {
      expect(docs, id).toContain(`| \`${id}\` | ${byId.get(id)?.name} | ${dialect} | ${format} | ${enabled ? 'yes' : 'no'} |`);
    }
  });

  test('never stores a key, only variable names', () => {
    for (const { id, api_key_env } of endpoints) if (api_key_env) expect(api_key_env, id).toMatch(/^[A-Z][A-Z0-9_]*_KEY$/);
  });
});

describe('config/endpoints.example.yaml', () => {
  test('loads and shows every key', async () => {
    const [example] = await loadRegistry({ path: examplePath });
    expect(example?.id).toBe('chicago');
    const [raw] = parse(readFileSync(examplePath, 'utf8')) as Record<string, unknown>[];
    expect(Object.keys(raw ?? {})).toEqual([...registryKeyOrder]);
  });
});
