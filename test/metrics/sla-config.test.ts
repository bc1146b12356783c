import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadSlaConfig, parseSlaConfig } from '../../pipelines/metrics/index.ts';
import { slaRows } from '../../pipelines/metrics/sla-config.ts';

test('the shipped config/sla.yaml loads, with category defaults and endpoint overrides', () => {
  const rows = slaRows(loadSlaConfig());
  expect(rows).toContainEqual({ endpointId: '*', category: 'pothole', days: 5 });
  expect(rows).toContainEqual({ endpointId: 'chicago', category: 'pothole', days: 7 });
});

test.each([
  ['categories: { pothole: 5 }', /version: Invalid input: expected 1/],
  ['version: 1\ncategories: { potholes: 5 }', /categories\.potholes: unknown category/],
  ['version: 1\ncategories: { pothole: -1 }', /categories\.pothole: Too small/],
  ['version: 1\nendpoints: { chicago: { pothole: "fast" } }', /endpoints\.chicago\.pothole/],
  ['version: 1\ntargets: {}', /Unrecognized key: "targets"/],
  ['version: 1\ncategories: [', /not valid YAML/],
])('%j is refused with what is wrong', (text, message) => {
  expect(() => parseSlaConfig({ text, source: 'sla.yaml' })).toThrow(message);
  expect(() => parseSlaConfig({ text, source: 'sla.yaml' })).toThrow(/^sla\.yaml: /);
});

test('a file path names itself in the error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fed311-sla-'));
  try {
    const path = join(dir, 'sla.yaml');
    writeFileSync(path, 'version: 2\n');
    expect(() => loadSlaConfig(path)).toThrow(`${path}: bad SLA config: version`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
