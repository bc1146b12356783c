import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadRegistry, parseRegistry, RegistryError } from '../../pipelines/registry/load.ts';
import { minimalEntry, refusal } from './entries.ts';

describe('parseRegistry', () => {
  test('reports every problem of every entry at once, and loads nothing', () => {
    const error = refusal([
      { ...minimalEntry, id: 'one', dialect: 'lagan', page_size: 0 },
      { ...minimalEntry, id: 'two' },
      { ...minimalEntry, id: 'three', timezone: 'Mars/Base', colour: 'red' },
      'just text',
    ]);
    expect(error.problems).toEqual([
      expect.stringMatching(/^test\.yaml: entry 0 \(id "one"\): dialect: unknown dialect/),
      expect.stringMatching(/^test\.yaml: entry 0 \(id "one"\): page_size: must be at least 1/),
      expect.stringMatching(/^test\.yaml: entry 2 \(id "three"\): timezone: /),
      expect.stringMatching(/^test\.yaml: entry 2 \(id "three"\): colour: unknown key/),
      'test.yaml: entry 3 (no id): expected a mapping of keys, got text',
    ]);
    expect(error.message).toBe(error.problems.join('\n'));
    expect(error.source).toBe('test.yaml');
  });

  test('a YAML syntax error says where', () => {
    const text = ['- id: one', '  name: One', '  base_url: https://x.example/', '  bbox: [1, 2', '- id: two', ''].join('\n');
    const error = refusal({ text, format: 'yaml' });
    expect(error.problems[0]).toMatch(/^test\.yaml: line 5, column 1: YAML syntax error: /);
  });

  test('a key written twice in one YAML entry is a syntax error with its line', () => {
    const text = ['- id: one', '  name: One', '  name: Two', ''].join('\n');
    expect(refusal({ text, format: 'yaml' }).problems).toEqual([expect.stringMatching(/^test\.yaml: line 3, column 3: YAML syntax error: Map keys must be unique/)]);
  });

  test('two YAML documents are refused', () => {
    expect(refusal({ text: '- id: a\n---\n- id: b\n', format: 'yaml' }).problems[0]).toMatch(/line 2, column 1: .*single YAML document/);
  });

  test('a JSON registry is accepted, BOM and all', () => {
    const endpoints = parseRegistry({ text: `\uFEFF${JSON.stringify([minimalEntry])}`, format: 'json', source: 'r.json' });
    expect(endpoints.map((endpoint) => endpoint.id)).toEqual(['springfield']);
  });

  test('a JSON syntax error says where when it can, on one line', () => {
    const missingComma = `[\n  ${JSON.stringify(minimalEntry)}\n  ${JSON.stringify(minimalEntry)}\n]`;
    expect(refusal({ text: missingComma, format: 'json' }).problems).toEqual([expect.stringMatching(/^test\.yaml: line 3, column 3: JSON syntax error: /)]);
    const trailingComma = `[\n  ${JSON.stringify(minimalEntry)},\n]`;
    expect(refusal({ text: trailingComma, format: 'json' }).problems).toEqual([expect.stringMatching(/^test\.yaml: JSON syntax error: Unexpected token ']'$/)]);
  });

  test('{ endpoints: [...] } is accepted; other top-level keys are not', () => {
    const text = JSON.stringify({ endpoints: [minimalEntry] });
    expect(parseRegistry({ text, format: 'json' })).toHaveLength(1);
    const error = refusal({ text: JSON.stringify({ endpoints: [minimalEntry], version: 2 }), format: 'json' });
    expect(error.problems).toEqual(['test.yaml: version: unknown top-level key (only "endpoints" is allowed)']);
  });

  test.each([
    ['an empty list', '[]', /lists no endpoints/],
    ['an empty file', '', /expected a list of endpoint entries .* got an empty value/],
    ['a single mapping', 'id: one\n', /expected a list of endpoint entries/],
    ['endpoints that are not a list', 'endpoints: 3\n', /endpoints: expected a list of entries, got a number/],
  ])('refuses %s', (_, text, reason) => {
    expect(refusal({ text, format: 'yaml' }).problems).toEqual([expect.stringMatching(reason)]);
  });
});

describe('loadRegistry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fed311-registry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  test.each(['r.yaml', 'r.yml', 'r.JSON'])('reads %s by its extension', async (name) => {
    const path = file(name, JSON.stringify([minimalEntry]));
    expect(await loadRegistry({ path })).toHaveLength(1);
  });

  test('names the file in every problem', async () => {
    const path = file('bad.yaml', '- id: Bad\n');
    await expect(loadRegistry({ path })).rejects.toThrow(new RegExp(`^${path.replace(/[.\\]/g, '\\$&')}: entry 0 \\(id "Bad"\\): id: `));
  });

  test('refuses an unknown extension and a missing file', async () => {
    await expect(loadRegistry({ path: file('r.toml', '') })).rejects.toThrow(/unknown registry file type/);
    await expect(loadRegistry({ path: join(dir, 'absent.yaml') })).rejects.toThrow(RegistryError);
    await expect(loadRegistry({ path: join(dir, 'absent.yaml') })).rejects.toThrow(/cannot read the registry: no such file/);
  });
});
