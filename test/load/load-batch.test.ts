import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadBatch } from '../../pipelines/load/load-batch.ts';
import { ensureState, readState } from '../../pipelines/load/harvest-state.ts';
import type { Store } from '../../pipelines/load/store.ts';
import { canonical } from '../support/canonical.ts';
import { tempStore } from '../support/temp-store.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ store, cleanup } = await tempStore()));
afterEach(async () => cleanup());

const t1 = new Date('2026-02-01T00:00:00Z');
const t2 = new Date('2026-02-02T00:00:00Z');
const load = (requests: Parameters<typeof loadBatch>[0]['requests'], now: Date, extra: Partial<Parameters<typeof loadBatch>[0]> = {}) =>
  loadBatch({ store, endpointId: 'test', requests, rejected: [], runId: 1, now, contextKey: 'test', ...extra });

describe('loadBatch', () => {
  test('inserts, then a re-sighting changes nothing but last_seen_at', async () => {
    const first = await load([canonical({ service_request_id: 'a' }), canonical({ service_request_id: 'b' })], t1);
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, events: 2 });
    const again = await load([canonical({ service_request_id: 'a' })], t2);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, events: 0 });
    const rows = await store.query(`SELECT service_request_id, first_seen_at, last_seen_at FROM service_requests ORDER BY 1`);
    expect(rows).toEqual([
      { service_request_id: 'a', first_seen_at: t1.toISOString(), last_seen_at: t2.toISOString() },
      { service_request_id: 'b', first_seen_at: t1.toISOString(), last_seen_at: t1.toISOString() },
    ]);
  });

  test('one id twice in a batch is stored once, the most recently updated version', async () => {
    await load(
      [
        canonical({ service_request_id: 'a', status_raw: 'new', updated_at: '2026-01-02T00:00:00.000Z' }),
        canonical({ service_request_id: 'a', status_raw: 'old', updated_at: '2026-01-01T00:00:00.000Z' }),
      ],
      t1,
    );
    expect(await store.query(`SELECT status_raw FROM service_requests`)).toEqual([{ status_raw: 'new' }]);
  });

  test('an open→closed change seen between harvests is an observed close bounded by the two harvests', async () => {
    await load([canonical({ service_request_id: 'a' })], t1);
    const closed = canonical({
      service_request_id: 'a',
      status: 'closed',
      status_raw: 'closed',
      updated_at: '2026-02-01T12:00:00.000Z',
      closed_at: '2026-02-01T12:00:00.000Z',
      closed_at_source: 'updated_datetime',
    });
    expect(await load([closed], t2)).toMatchObject({ updated: 1, events: 1 });
    const [row] = await store.query(`SELECT status, closed_at, closed_at_source, closed_after FROM service_requests`);
    expect(row).toEqual({
      status: 'closed',
      closed_at: '2026-02-01T12:00:00.000Z',
      closed_at_source: 'observed',
      closed_after: t1.toISOString(),
    });
    const events = await store.query(`SELECT status, observed_at, source FROM request_events ORDER BY observed_at`);
    expect(events).toEqual([
      { status: 'open', observed_at: t1.toISOString(), source: 'harvest' },
      { status: 'closed', observed_at: t2.toISOString(), source: 'harvest' },
    ]);
  });

  test('a close first seen closed keeps the updated_datetime proxy; an explicit close event wins', async () => {
    await load(
      [
        canonical({ service_request_id: 'p', status: 'closed', closed_at: '2026-01-03T00:00:00.000Z', closed_at_source: 'updated_datetime' }),
        canonical({ service_request_id: 'e', status: 'closed', closed_at: '2026-01-04T00:00:00.000Z', closed_at_source: 'event' }),
      ],
      t1,
    );
    expect(await store.query(`SELECT service_request_id, closed_at, closed_at_source FROM service_requests ORDER BY 1`)).toEqual([
      { service_request_id: 'e', closed_at: '2026-01-04T00:00:00.000Z', closed_at_source: 'event' },
      { service_request_id: 'p', closed_at: '2026-01-03T00:00:00.000Z', closed_at_source: 'updated_datetime' },
    ]);
  });

  test('a reopened request loses its close and the change is an event', async () => {
    await load([canonical({ service_request_id: 'a', status: 'closed', closed_at: '2026-01-03T00:00:00.000Z', closed_at_source: 'updated_datetime' })], t1);
    await load([canonical({ service_request_id: 'a', status: 'open', updated_at: '2026-01-05T00:00:00.000Z' })], t2);
    expect(await store.query(`SELECT status, closed_at, closed_at_source FROM service_requests`)).toEqual([
      { status: 'open', closed_at: null, closed_at_source: null },
    ]);
    expect(await store.query(`SELECT count(*) AS n FROM request_events`)).toEqual([{ n: 2 }]);
  });

  test('vendor notes become events once, however often they are seen', async () => {
    const withNotes = canonical({
      service_request_id: 'a',
      note_events: [
        { at: '2026-01-01T10:00:00.000Z', status: 'open', detailed_status: 'submitted', type: 'submitted' },
        { at: '2026-01-01T11:00:00.000Z', status: 'open', detailed_status: null, type: 'opened' },
      ],
    });
    expect((await load([withNotes], t1)).events).toBe(3);
    expect((await load([withNotes], t2)).events).toBe(0);
    expect(await store.query(`SELECT source, note_type FROM request_events ORDER BY observed_at, source`)).toEqual([
      { source: 'notes', note_type: 'submitted' },
      { source: 'notes', note_type: 'opened' },
      { source: 'harvest', note_type: null },
    ]);
  });

  test('rejected records are kept once each with their reason', async () => {
    const rejected = [
      { endpoint_id: 'test', reason: 'missing service_request_id', raw: { status: 'open' } },
      { endpoint_id: 'test', reason: 'missing service_request_id', raw: { status: 'open' } },
      { endpoint_id: 'test', reason: 'unparseable requested_datetime "x"', raw: { id: 'z', requested_datetime: 'x' } },
    ];
    expect((await load([], t1, { rejected })).rejected).toBe(2);
    expect((await load([], t2, { rejected })).rejected).toBe(0);
    expect(await store.query(`SELECT reason, raw, first_seen_at, last_seen_at FROM rejected_records ORDER BY reason`)).toEqual([
      { reason: 'missing service_request_id', raw: { status: 'open' }, first_seen_at: t1.toISOString(), last_seen_at: t2.toISOString() },
      { reason: 'unparseable requested_datetime "x"', raw: { id: 'z', requested_datetime: 'x' }, first_seen_at: t1.toISOString(), last_seen_at: t2.toISOString() },
    ]);
  });

  test('cursor moves commit with the rows they cover, and a failed batch moves neither', async () => {
    await ensureState({ store, endpointId: 'test', backfillFrom: new Date('2025-01-01T00:00:00Z') });
    await load([canonical({ service_request_id: 'a' })], t1, { state: { backfill_until: '2025-02-01T00:00:00.000Z', max_requested_at: '2026-01-01T10:00:00.000Z' } });
    const bad = canonical({ service_request_id: 'b', requested_at: 'not a timestamp' });
    await expect(load([bad], t2, { state: { backfill_until: '2025-03-01T00:00:00.000Z' } })).rejects.toThrow();
    expect(await readState({ store, endpointId: 'test' })).toMatchObject({ backfill_until: '2025-02-01T00:00:00.000Z' });
    expect(await store.query(`SELECT service_request_id FROM service_requests`)).toEqual([{ service_request_id: 'a' }]);
  });

  test('max_requested_at only moves forward', async () => {
    await ensureState({ store, endpointId: 'test', backfillFrom: new Date('2025-01-01T00:00:00Z') });
    await load([], t1, { state: { max_requested_at: '2026-01-05T00:00:00.000Z' } });
    await load([], t2, { state: { max_requested_at: '2026-01-01T00:00:00.000Z' } });
    expect(await readState({ store, endpointId: 'test' })).toMatchObject({ max_requested_at: '2026-01-05T00:00:00.000Z' });
  });
});
