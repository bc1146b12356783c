import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { createPageReader } from '../../pipelines/harvest/page-reader.ts';
import { AnswerError, readPage, type PageTask } from '../../pipelines/harvest/read-page.ts';
import { StagedBatch } from '../../pipelines/load/staged-batch.ts';
import { BodyError } from '../../pipelines/parse/types.ts';
import type { Endpoint } from '../../pipelines/registry/types.ts';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/open311/${path}`, import.meta.url)));
const endpoint = (dialect: string, timezone: string): Endpoint => ({
  id: `test-${dialect}`, name: dialect, base_url: 'http://127.0.0.1/', dialect, format: 'json', timezone,
  enabled: true, concurrency: 1, timeout_seconds: 30, schedule: '*/15 * * * *', trailing_days: 3,
});
const task = (overrides: Partial<PageTask> & Pick<PageTask, 'endpoint' | 'bytes'>): PageTask => ({
  status: 200, contentType: 'application/json', serviceNames: new Map(), serviceCategories: new Map(), contextKey: 'k', ...overrides,
});
const chicago = task({ endpoint: endpoint('chicago', 'America/Chicago'), bytes: fixture('chicago/requests-2012-12-01-extensions.json') });

describe('readPage', () => {
  test('reads a recorded Chicago page into staged rows and rejected records', () => {
    const page = readPage(chicago);
    expect(page.count).toBe(50);
    expect(page.rows).toHaveLength(43);
    expect(page.rejected).toHaveLength(7);
    expect(new Set(page.rejected.map((r) => r.reason))).toEqual(new Set(['missing service_request_id']));
    const row = page.rows.find((r) => r.id === '12-01952587')!;
    expect(row.requestedAt).toBe('2012-12-01T19:53:02.000Z');
    expect(row.notes.length).toBeGreaterThan(0);
  });

  test('an HTML page with status 200 is a BodyError (retried); a 403 is an AnswerError (not retried)', () => {
    const html = new TextEncoder().encode('<!DOCTYPE html><html><title>Maintenance</title></html>');
    expect(() => readPage(task({ endpoint: chicago.endpoint, bytes: html, contentType: 'text/html' }))).toThrow(BodyError);
    const denied = new TextEncoder().encode('<errors><error><code>403</code><description>key</description></error></errors>');
    expect(() => readPage(task({ endpoint: chicago.endpoint, bytes: denied, status: 403 }))).toThrow(AnswerError);
  });

  test('Mark-a-Spot answers "no rows" with a 404: an empty page, not an error', () => {
    const empty = new TextEncoder().encode('{"error":{"code":404,"message":"No Service requests found"}}');
    const page = readPage(task({ endpoint: endpoint('markaspot', 'Europe/Berlin'), bytes: empty, status: 404 }));
    expect([page.count, page.rows.length]).toEqual([0, 0]);
    expect(() => readPage(task({ endpoint: chicago.endpoint, bytes: empty, status: 404 }))).toThrow(/HTTP 404/);
  });
});

describe('page reader in a worker thread', () => {
  const reader = createPageReader({ workers: 1 });
  afterAll(() => reader.close());

  test('gives exactly what reading in-process gives, and the same error kinds', async () => {
    expect(await reader.read(chicago)).toEqual(readPage(chicago));
    const html = new TextEncoder().encode('<html><body>oops</body></html>');
    await expect(reader.read(task({ endpoint: chicago.endpoint, bytes: html }))).rejects.toBeInstanceOf(BodyError);
  });
});

test('a staged batch keeps one row per id, the most recently updated, with both versions’ notes', () => {
  const page = readPage(chicago);
  const row = page.rows[0]!;
  const older = { ...row, updatedAt: '2000-01-01T00:00:00.000Z', values: [...row.values], notes: [['e', row.id, '2000-01-01T00:00:00.000Z', 'open', null, 'opened']] };
  const batch = new StagedBatch();
  batch.addRow(older);
  batch.addRow(row);
  batch.addRow({ ...older, notes: [] });
  const columns = batch.columnsForLoad();
  expect(columns.rows).toBe(1);
  expect(columns.notes![2]).toContain('2000-01-01T00:00:00.000Z');
  expect(columns.notes![0]!.length).toBe(row.notes.length + 1);
});
