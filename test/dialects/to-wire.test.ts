import { describe, expect, test } from 'vitest';
import { dialectIds, getDialect } from '../../pipelines/dialects/index.ts';
import { parseBody } from '../../pipelines/parse/index.ts';

const xmlRecord = (xml: string): unknown => {
  const body = parseBody({ bytes: new TextEncoder().encode(xml), contentType: null, expected: 'xml' });
  return getDialect('generic').readRequests(body)[0];
};

describe('toWire never throws and keeps the raw record', () => {
  const odd: unknown[] = [null, undefined, 42, 'text', [], [{ service_request_id: 1 }], { extended_attributes: 'junk', notes: 'junk', media_url: 7 },
    { extended_attributes: { photos: 5, media_urls: { x: 1 }, log: [1, null], detailed_status: [1, null] }, notes: [null, 'x', { datetime: 5 }] }];
  for (const id of dialectIds) {
    test.each(odd.map((raw) => [JSON.stringify(raw) ?? 'undefined', raw]))(`${id}: %s`, (_name, raw) => {
      const wire = getDialect(id).toWire(raw);
      expect(wire.raw).toBe(raw);
      expect(typeof wire.extended).toBe('object');
    });
  }

  test('non-objects give only raw and extended', () => {
    expect(getDialect('chicago').toWire('oops')).toEqual({ raw: 'oops', extended: {} });
  });
});

describe('spec fields and aliases', () => {
  test('spec keys are picked, every other key goes to extended as sent', () => {
    const raw = { service_request_id: 638344, status: 'closed', address_id: 545483, title: 'x', organisation: { id: 3 } };
    expect(getDialect('generic').toWire(raw)).toEqual({ service_request_id: 638344, status: 'closed', address_id: 545483, extended: { title: 'x', organisation: { id: 3 } }, raw });
  });

  test('vendor spellings map to spec names (lon, address_string, status_note, servicerequest_id)', () => {
    const raw = { servicerequest_id: '47-2017', address_string: 'Markt 1', status_note: 'ok', lon: 7.1, lat: 50.7 };
    expect(getDialect('markaspot').toWire(raw)).toEqual({ service_request_id: '47-2017', address: 'Markt 1', status_notes: 'ok', long: 7.1, lat: 50.7, extended: {}, raw });
  });

  test('Mark-a-Spot: the descriptive status name under extensions is the finer state word', () => {
    const raw = { service_request_id: '1', status: 'open', extended_attributes: { markaspot: { status_descriptive_name: 'In Bearbeitung', status_hex: '#f59c00' } } };
    expect(getDialect('markaspot').toWire(raw).detailed_status_raw).toBe('In Bearbeitung');
    expect(getDialect('markaspot').toWire({ service_request_id: '1', status: 'open' }).detailed_status_raw).toBeUndefined();
  });

  test('a spec key wins over its alias when both carry a value; the alias stays in extended', () => {
    const wire = getDialect('markaspot').toWire({ address: 'Markt 1, Bonn', address_string: 'Markt 1' });
    expect(wire.address).toBe('Markt 1, Bonn');
    expect(wire.extended).toEqual({ address_string: 'Markt 1' });
    const blankSpec = getDialect('markaspot').toWire({ address: null, address_string: 'Markt 1' });
    expect(blankSpec.address).toBe('Markt 1');
    expect(blankSpec.extended).toEqual({});
  });
});

describe('chicago and connectedbits lift Connected Bits extensions', () => {
  const raw = {
    service_request_id: '12-01952252', status: 'closed',
    notes: [{ datetime: '2012-12-01T10:30:53-06:00', summary: 'Request opened', type: 'opened' }, { datetime: '2012-12-01T13:35:21-06:00', summary: 'Request closed', type: 'closed' }],
    extended_attributes: { parent_service_request_id: '12-01952126', channel: 'phone', ward: '12', police_district: '9', duplicate: true },
  };

  test('channel, ward → district, parent, duplicate, notes; extended_attributes kept as sent, notes not repeated', () => {
    expect(getDialect('chicago').toWire(raw)).toEqual({
      service_request_id: '12-01952252', status: 'closed',
      channel: 'phone', district: '12', parent_request_id: '12-01952126', is_duplicate: true,
      notes: [
        { datetime: '2012-12-01T10:30:53-06:00', type: 'opened', summary: 'Request opened', description: null },
        { datetime: '2012-12-01T13:35:21-06:00', type: 'closed', summary: 'Request closed', description: null },
      ],
      extended: { extended_attributes: raw.extended_attributes },
      raw,
    });
  });

  test('photos[] become media_urls; XML-shaped notes and a "true" string are read too', () => {
    const record = xmlRecord('<service_requests><request><service_request_id>1</service_request_id><notes><note><datetime>2015-07-27T16:24:19-07:00</datetime><type>submitted</type></note></notes>'
      + '<extended_attributes><channel>android</channel><duplicate>true</duplicate><photos><photo><media_url>http://a/1.jpg</media_url></photo><photo><media_url>http://a/2.jpg</media_url></photo></photos></extended_attributes></request></service_requests>');
    const wire = getDialect('connectedbits').toWire(record);
    expect(wire.media_urls).toEqual(['http://a/1.jpg', 'http://a/2.jpg']);
    expect(wire.notes).toEqual([{ datetime: '2015-07-27T16:24:19-07:00', type: 'submitted', summary: null, description: null }]);
    expect(wire.channel).toBe('android');
    expect(wire.is_duplicate).toBe(true);
  });
});

describe('vendor specifics', () => {
  test('citysdk: detailed_status, media_urls and the 6Aika log', () => {
    const raw = {
      service_request_id: 'x1', status: 'closed',
      extended_attributes: { detailed_status: 'PROCESSED,PUBLIC_WORKS_COMPLETED', media_urls: ['http://h/1.jpg'], log: [{ time: '2016-01-02T10:00:00+02:00', status: 'done', note: 'Fixed', handler: 'Stara' }] },
    };
    const wire = getDialect('citysdk').toWire(raw);
    expect(wire.detailed_status_raw).toBe('PROCESSED,PUBLIC_WORKS_COMPLETED');
    expect(wire.media_urls).toEqual(['http://h/1.jpg']);
    expect(wire.notes).toEqual([{ datetime: '2016-01-02T10:00:00+02:00', type: 'done', summary: 'Fixed', description: null }]);
    expect(wire.extended).toEqual({ extended_attributes: raw.extended_attributes });
    const xml = xmlRecord('<requests><request><extended_attributes><media_urls><media_url>http://h/2.jpg</media_url></media_urls></extended_attributes></request></requests>');
    expect(getDialect('citysdk').toWire(xml).media_urls).toEqual(['http://h/2.jpg']);
  });

  test('fixmystreet: status is also the detailed word, interface_used is the channel, one-element arrays unwrapped', () => {
    const raw = { service_request_id: ['2041'], status: 'not_councils_responsibility', interface_used: 'iOS', agency_responsible: { recipient: ['Merton', 'TfL'] }, requestor_name: 'A. Person', title: 'Pothole' };
    expect(getDialect('fixmystreet').toWire(raw)).toEqual({
      service_request_id: '2041', status: 'not_councils_responsibility', detailed_status_raw: 'not_councils_responsibility', channel: 'iOS',
      agency_responsible: { recipient: ['Merton', 'TfL'] }, extended: { requestor_name: 'A. Person', title: 'Pothole' }, raw,
    });
  });

  test('markaspot: a comma-joined media_url is split into media_urls', () => {
    const wire = getDialect('markaspot').toWire({ media_url: 'https://k/a.jpg, https://k/b.jpg,https://k/c.jpg' });
    expect(wire.media_url).toBeUndefined();
    expect(wire.media_urls).toEqual(['https://k/a.jpg', 'https://k/b.jpg', 'https://k/c.jpg']);
    expect(getDialect('markaspot').toWire({ media_url: 'https://k/a.jpg' }).media_url).toBe('https://k/a.jpg');
  });
});

test('citysdk: Klarschiff detailed_status_datetime is the close time of a closed request only', () => {
  const closed = { service_request_id: '7', status: 'closed', extended_attributes: { detailed_status: 'PROCESSED', detailed_status_datetime: '2016-03-01T10:00:00+01:00' } };
  expect(getDialect('citysdk').toWire(closed).closed_event_at).toBe('2016-03-01T10:00:00+01:00');
  expect(getDialect('citysdk').toWire({ ...closed, status: 'open' }).closed_event_at).toBeUndefined();
});
