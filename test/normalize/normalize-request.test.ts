import { describe, expect, test } from 'vitest';
import type { WireRequest } from '../../pipelines/dialects/types.ts';
import { normalizeRequest } from '../../pipelines/normalize/index.ts';
import type { CanonicalRequest, RejectedRecord } from '../../pipelines/normalize/types.ts';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';

const endpoint = makeEndpoint({ id: 'test', dialect: 'generic', timezone: 'America/Chicago', bbox: [-87.95, 41.64, -87.52, 42.03] });
const base = { service_request_id: '12-1', status: 'open', requested_datetime: '2012-12-01T13:53:02-06:00' };
const wireOf = (fields: Partial<WireRequest>): WireRequest => ({ ...base, extended: {}, raw: { ...base, ...fields }, ...fields });

function ok(fields: Partial<WireRequest>, serviceNames?: Map<string, string>): CanonicalRequest {
  const result = normalizeRequest({ wire: wireOf(fields), endpoint, serviceNames });
  if (!result.ok) throw new Error(`rejected: ${result.rejected.reason}`);
  return result.request;
}

function rejected(fields: Partial<WireRequest> | WireRequest): RejectedRecord {
  const wire = 'extended' in fields && 'raw' in fields ? (fields as WireRequest) : wireOf(fields);
  const result = normalizeRequest({ wire, endpoint });
  if (result.ok) throw new Error('expected a rejection');
  return result.rejected;
}

describe('rejections', () => {
  test.each([
    [{ service_request_id: undefined }, 'missing service_request_id'],
    [{ service_request_id: '  ' }, 'missing service_request_id'],
    [{ status: undefined }, 'missing status'],
    [{ status: 'submitted-ish' }, 'unknown status "submitted-ish"'],
    [{ status: 'null' }, 'missing status'],
    [{ requested_datetime: null }, 'missing requested_datetime'],
    [{ requested_datetime: ':27.7' }, 'unparseable requested_datetime ":27.7"'],
  ])('%j → %s', (fields, reason) => {
    expect(rejected(fields).reason).toBe(reason);
  });

  test('the rejected raw record loses its personal fields too', () => {
    const raw = { status: 'open', email: 'me@example.org', first_name: 'A', note: { phone: '555' } };
    expect(rejected({ service_request_id: undefined, extended: {}, raw } as WireRequest)).toEqual({ endpoint_id: 'test', reason: 'missing service_request_id', raw: { status: 'open', note: {} } });
  });

  test('never throws: a broken wire record becomes a rejection naming the error', () => {
    const hostile = { get service_request_id(): string { throw new Error('boom'); }, extended: {}, raw: { a: 1 } } as unknown as WireRequest;
    expect(normalizeRequest({ wire: hostile, endpoint })).toEqual({ ok: false, rejected: { endpoint_id: 'test', reason: 'normalize failed: boom', raw: { a: 1 } } });
  });
});

describe('fields', () => {
  test('numbers become text; service_name filled from the services list when missing', () => {
    const row = ok({ service_request_id: 638344, service_code: 6 }, new Map([['6', 'Sidewalk and Curb Issues']]));
    expect([row.service_request_id, row.service_code, row.service_name]).toEqual(['638344', '6', 'Sidewalk and Curb Issues']);
    expect(ok({ service_code: '6', service_name: 'Own name' }, new Map([['6', 'List name']])).service_name).toBe('Own name');
  });

  test('zipcode "0" and "null" mean unknown; address folded', () => {
    expect(ok({ zipcode: '0', address: '     SAN FRANCISCO , CA ' })).toMatchObject({ zipcode: null, address: 'SAN FRANCISCO , CA' });
    expect(ok({ zipcode: 94103 }).zipcode).toBe('94103');
  });

  test('unparseable optional timestamps become null with a flag; blanks without one', () => {
    const row = ok({ updated_datetime: 'true', expected_datetime: 'null', acknowledged_at: 'soon' });
    expect([row.updated_at, row.expected_at, row.acknowledged_at]).toEqual([null, null, null]);
    expect(row.quality_flags).toEqual(['updated_unparseable', 'acknowledged_unparseable']);
  });

  test('address_id (no canonical column) is kept in extended; extended loses personal fields', () => {
    const row = ok({ address_id: 545483, extended: { title: 't', contact_email: 'x@y.z' } });
    expect(row.extended).toEqual({ title: 't', address_id: 545483 });
  });

  test('agency_responsible objects are flattened', () => {
    expect(ok({ agency_responsible: { recipient: ['A', 'B'] } }).agency_responsible).toBe('A; B');
  });
});

describe('status, detail and close time', () => {
  test('detailed_status_raw wins over the status word; the raw status is kept unchanged', () => {
    expect(ok({ status: 'Closed', detailed_status_raw: 'PROCESSED,PUBLIC_WORKS_COMPLETED_REQUIRES_NO_ACTION' })).toMatchObject({ status: 'closed', status_raw: 'Closed', detailed_status: 'no_action' });
    expect(ok({ status: 'acknowledged' })).toMatchObject({ status: 'open', detailed_status: 'acknowledged' });
  });

  test('a duplicate status marks the record duplicate', () => {
    expect(ok({ status: 'duplicate' }).is_duplicate).toBe(true);
    expect(ok({ status: 'closed' }).is_duplicate).toBe(false);
  });

  test('closed: explicit close time first, then the latest closing note, then updated_datetime; open: none', () => {
    const notes = [
      { datetime: '2012-12-01T13:43:50-06:00', type: 'opened', summary: null, description: null },
      { datetime: '2012-12-01T13:49:44-06:00', type: 'closed', summary: null, description: null },
    ];
    const updated = '2012-12-01T14:00:00-06:00';
    expect(ok({ status: 'closed', notes, updated_datetime: updated, closed_event_at: '2012-12-01T13:45:00-06:00' })).toMatchObject({ closed_at: '2012-12-01T19:45:00.000Z', closed_at_source: 'event' });
    expect(ok({ status: 'closed', notes, updated_datetime: updated })).toMatchObject({ closed_at: '2012-12-01T19:49:44.000Z', closed_at_source: 'event' });
    expect(ok({ status: 'closed', updated_datetime: updated })).toMatchObject({ closed_at: '2012-12-01T20:00:00.000Z', closed_at_source: 'updated_datetime' });
    expect(ok({ status: 'closed' })).toMatchObject({ closed_at: null, closed_at_source: null });
    expect(ok({ status: 'open', notes, updated_datetime: updated })).toMatchObject({ closed_at: null, closed_at_source: null });
  });

  test('note events: status words give a status, other types none; a summary can name the finer state; unreadable times are dropped and flagged', () => {
    const row = ok({
      notes: [
        { datetime: '2012-12-01T09:34:27-06:00', type: 'submitted', summary: 'Request submitted via Web', description: null },
        { datetime: '2012-12-01T11:59:00-06:00', type: 'activity', summary: 'Work Assigned', description: null },
        { datetime: 'yesterday', type: 'closed', summary: null, description: null },
        { datetime: '2016-01-02T10:00:00+02:00', type: 'done', summary: null, description: null },
      ],
    });
    expect(row.note_events).toEqual([
      { at: '2012-12-01T15:34:27.000Z', status: 'open', detailed_status: 'submitted', type: 'submitted' },
      { at: '2012-12-01T17:59:00.000Z', status: null, detailed_status: 'acknowledged', type: 'activity' },
      { at: '2016-01-02T08:00:00.000Z', status: 'closed', detailed_status: 'fixed', type: 'done' },
    ]);
    expect(row.quality_flags).toEqual(['note_datetime_unparseable']);
  });

  test('acknowledged_at: the vendor field first, else the first note that says work started (assigned, handling, scheduled)', () => {
    const notes = [
      { datetime: '2012-12-01T09:34:27-06:00', type: 'opened', summary: 'Request opened', description: null },
      { datetime: '2012-12-01T11:59:00-06:00', type: 'activity', summary: 'Work Assigned', description: null },
      { datetime: '2012-12-01T12:30:00-06:00', type: 'activity', summary: 'Final Outcome', description: null },
    ];
    expect(ok({ notes })).toMatchObject({ acknowledged_at: '2012-12-01T17:59:00.000Z', detailed_status: 'acknowledged' });
    expect(ok({ notes, acknowledged_at: '2012-12-01T10:00:00-06:00' })).toMatchObject({ acknowledged_at: '2012-12-01T16:00:00.000Z' });
    const log = [
      { datetime: '2016-01-02T10:00:00+02:00', type: 'allocated', summary: null, description: null },
      { datetime: '2016-01-03T10:00:00+02:00', type: 'handling', summary: null, description: null },
    ];
    expect(ok({ notes: log })).toMatchObject({ acknowledged_at: '2016-01-02T08:00:00.000Z', detailed_status: 'in_progress' });
    expect(ok({ notes: notes.slice(0, 1) })).toMatchObject({ acknowledged_at: null, detailed_status: null });
  });

  test('detailed_status: the newest state-bearing note decides, and only when it fits the status', () => {
    const submittedThenOpened = [
      { datetime: '2015-07-27T16:24:19-07:00', type: 'submitted', summary: null, description: 'Submitted via Android' },
      { datetime: '2015-07-27T16:24:28-07:00', type: 'opened', summary: null, description: 'Opened' },
    ];
    expect(ok({ notes: submittedThenOpened })).toMatchObject({ detailed_status: null });
    const assigned = [{ datetime: '2012-12-01T11:59:00-06:00', type: 'activity', summary: 'Work Assigned', description: null }];
    // A closed request whose notes stop at "assigned": the notes lag the status, so no finer state.
    expect(ok({ status: 'closed', notes: assigned })).toMatchObject({ detailed_status: null, acknowledged_at: '2012-12-01T17:59:00.000Z' });
    // The vendor's own finer word wins over notes, even against the status (Helsinki closes feedback while work goes on).
    expect(ok({ status: 'closed', notes: assigned, detailed_status_raw: 'PROCESSED,PUBLIC_WORKS_IN_PROGRESS' })).toMatchObject({ detailed_status: 'in_progress' });
  });
});

test('coordinates go through the endpoint box (a swapped Chicago pair is fixed)', () => {
  expect(ok({ lat: -87.66, long: 41.68 })).toMatchObject({ lat: 41.68, lon: -87.66, quality_flags: ['coords_swapped'] });
});
