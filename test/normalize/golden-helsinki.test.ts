// Golden: Helsinki CitySDK records adapted from the Django dump by test/fixtures/make-helsinki-wire-sample.ts
// (the dump itself is NOT wire format; the script keeps real values and documents its two deliberate adaptations).
import { describe, expect, test } from 'vitest';
import { getDialect } from '../../pipelines/dialects/index.ts';
import { parseBody } from '../../pipelines/parse/index.ts';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';
import { byId, fixtureBytes, fixtureJson, flagCounts, runFixture } from './support/run-fixture.ts';

const endpoint = makeEndpoint({
  id: 'helsinki', dialect: 'citysdk', timezone: 'Europe/Helsinki', base_url: 'https://asiointi.hel.fi/palautews/rest/v1/', bbox: [24.5, 59.9, 25.3, 60.4],
});
const citysdk = getDialect('citysdk');
const services = citysdk.readServices(parseBody({ bytes: fixtureBytes('helsinki/services-en.json'), contentType: null, expected: 'json' })).map((raw) => citysdk.toService(raw));
const serviceNames = new Map(services.map((s) => [String(s.service_code), String(s.service_name)]));
const PERSONAL = ['email', 'first_name', 'last_name', 'phone'];

describe('helsinki/requests-wire-sample-derived.json', () => {
  const file = fixtureJson('helsinki/requests-wire-sample-derived.json') as Record<string, unknown>[];
  const { records, canonical, rejected } = runFixture({ path: 'helsinki/requests-wire-sample-derived.json', endpoint, serviceNames });
  const withoutPersonal = (record: unknown) => Object.fromEntries(Object.entries(record as Record<string, unknown>).filter(([key]) => !PERSONAL.includes(key)));

  test('9 records with one repeat → 8 canonical; the compound detailed states map part by part', () => {
    expect(file).toHaveLength(9);
    expect(records).toHaveLength(8);
    expect(rejected).toEqual([]);
    expect(canonical.map((r) => [r.status, r.detailed_status])).toEqual([
      ['closed', 'fixed'], ['closed', 'no_action'], ['closed', 'scheduled'], ['closed', 'in_progress'],
      ['closed', 'submitted'], ['open', 'in_progress'], ['closed', null], ['closed', null],
    ]);
    expect(flagCounts(canonical)).toEqual({ coords_swapped: 1 });
  });

  test('personal fields are gone from raw and extended', () => {
    for (const row of canonical) {
      for (const key of PERSONAL) {
        expect(row.raw).not.toHaveProperty(key);
        expect(row.extended).not.toHaveProperty(key);
      }
    }
  });

  test('1ar09ts10t4qdko74nmj: COMPLETED → fixed, string coordinates, multi-line notes, code missing from the English services list', () => {
    expect(byId(canonical, '1ar09ts10t4qdko74nmj')).toEqual({
      endpoint_id: 'helsinki', service_request_id: '1ar09ts10t4qdko74nmj', token: null, status: 'closed', status_raw: 'closed', detailed_status: 'fixed',
      service_code: '178', service_name: null, category: 'construction', agency_responsible: 'Rakennusvirasto', service_notice: null,
      description: 'Rakennusremontti aiheutta vaaratilanteita pyöräilijöitten ja jalankulkijoitten välille',
      status_notes: 'Hei!\n\nKiitos palautteestanne. Viestinne on välitetty ko. alueen tarkastajalle alueidenkäyttöyksikköön, joka valvoo tilapäisiä '
        + 'liikennejärjestelyjä ja kaivauksia katu- ja puistoalueella tehtävissä töissä. Hän on yhteydessä työmaasta vastaavaan urakoitsijaan.\n'
        + 'Terveisin\nRakennusviraston asiakaspalvelu',
      requested_at: '2015-03-04T14:40:04.000Z', updated_at: '2015-03-05T10:03:12.000Z', expected_at: '2015-03-20T05:10:41.818Z',
      closed_at: '2015-03-05T10:03:12.000Z', closed_at_source: 'updated_datetime', acknowledged_at: null,
      address: 'Sturenkatu 33, 00550 Helsinki, Suomi', zipcode: null, lat: 60.1952311, lon: 24.9588253,
      media_urls: ['https://asiointi.hel.fi/palautews/rest/v1/attachment/3c1undtub14dukl3bdt8.jpg'],
      channel: null, district: null, parent_request_id: null, is_duplicate: false,
      extended: { extended_attributes: file[0]?.extended_attributes }, raw: withoutPersonal(file[0]), quality_flags: [], note_events: [],
    });
  });

  test('5hogcaecvh45iavd32fb: a swapped pair is put back (only the swap lies in the box); name from the record', () => {
    expect(byId(canonical, '5hogcaecvh45iavd32fb')).toEqual({
      endpoint_id: 'helsinki', service_request_id: '5hogcaecvh45iavd32fb', token: null, status: 'closed', status_raw: 'closed', detailed_status: 'in_progress',
      service_code: '171', service_name: 'Potholes', category: 'pothole', agency_responsible: 'Rakennusvirasto', service_notice: null,
      description: 'Vettä sillalla Pasilan kirjastolta Messuaukiolle johtavalla sillalla on vettä nilkkaan saakka. Kuivin jaloin ei pääse yli.',
      status_notes: 'Kiitos ilmoituksestanne. Olemme välittäneet sen alueen katujen kunnossapitoon.\nTerveisin\nRakennusviraston asiakaspalvelu',
      requested_at: '2015-02-27T22:10:03.000Z', updated_at: '2015-03-02T10:05:01.000Z', expected_at: '2015-03-16T21:51:47.163Z',
      closed_at: '2015-03-02T10:05:01.000Z', closed_at_source: 'updated_datetime', acknowledged_at: null,
      address: 'Veturimiehenkatu 3, Helsinki', zipcode: null, lat: 60.2012985, lon: 24.936207, media_urls: [],
      channel: null, district: null, parent_request_id: null, is_duplicate: false,
      extended: { extended_attributes: file[3]?.extended_attributes }, raw: withoutPersonal(file[3]), quality_flags: ['coords_swapped'], note_events: [],
    });
  });

  test('1nfnogal2fl8l3sten2h is open (IN_PROCESS); 14qbusjsi0t1e82d5f0m merges media_url with four media_urls', () => {
    expect(byId(canonical, '1nfnogal2fl8l3sten2h')).toMatchObject({ status: 'open', detailed_status: 'in_progress', closed_at: null, closed_at_source: null, requested_at: '2016-02-23T06:20:11.000Z' });
    expect(byId(canonical, '14qbusjsi0t1e82d5f0m').media_urls).toEqual([
      'https://asiointi.hel.fi/palautews/rest/v1/attachment/2hj4co0hnsd7tld7elc7.jpg',
      'https://asiointi.hel.fi/palautews/rest/v1/attachment/1jhh0hk0kc3430pl9rvq.jpg',
      'https://asiointi.hel.fi/palautews/rest/v1/attachment/38e5mb1bd0gtee21tms2.jpg',
      'https://asiointi.hel.fi/palautews/rest/v1/attachment/31vbn0g2so1c51es9e4o.jpg',
    ]);
  });
});
