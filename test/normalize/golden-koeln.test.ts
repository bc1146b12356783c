// Golden: real Cologne "Sag's uns" (Mark-a-Spot) capture, January 2024, through the markaspot dialect.
import { describe, expect, test } from 'vitest';
import { makeEndpoint } from '../dialects/support/make-endpoint.ts';
import { byId, flagCounts, runFixture } from './support/run-fixture.ts';

const endpoint = makeEndpoint({
  id: 'koeln', dialect: 'markaspot', timezone: 'Europe/Berlin', jurisdiction_id: 'stadt-koeln.de',
  base_url: 'https://sags-uns.stadt-koeln.de/georeport/v2/', bbox: [6.77, 50.83, 7.17, 51.09],
});

describe('koeln-markaspot/requests-2024-01-100.json', () => {
  const { records, canonical, rejected } = runFixture({ path: 'koeln-markaspot/requests-2024-01-100.json', endpoint });

  test('100 canonical, none rejected, no coordinate problems; vendor names never leak', () => {
    expect(records).toHaveLength(100);
    expect(canonical).toHaveLength(100);
    expect(rejected).toEqual([]);
    expect(flagCounts(canonical)).toEqual({});
    expect(canonical.filter((r) => r.status === 'open').map((r) => r.service_request_id)).toEqual(['888-2023', '914-2023', '928-2023', '938-2023']);
    expect(canonical.filter((r) => r.media_urls.length === 1)).toHaveLength(66);
    for (const row of canonical) expect(Object.keys(row.extended)).toEqual(['title']);
  });

  test('862-2023: address_string → address, status_note → status_notes, title kept in extended', () => {
    expect(byId(canonical, '862-2023')).toEqual({
      endpoint_id: 'koeln', service_request_id: '862-2023', token: null, status: 'closed', status_raw: 'closed', detailed_status: null,
      service_code: '1.6', service_name: 'Gully verstopft', category: 'water_sewer', agency_responsible: null, service_notice: null,
      description: 'Kreuzung Aachener Straße - Universitätsszraße in beiden Richtungen schon seit Monaten',
      status_notes: 'Das Anliegen wurde erstellt.',
      requested_at: '2023-12-21T18:48:50.000Z', updated_at: '2024-01-05T07:38:18.000Z', expected_at: null,
      closed_at: '2024-01-05T07:38:18.000Z', closed_at_source: 'updated_datetime', acknowledged_at: null,
      address: '50931 Köln - Lindenthal, Aachener Str. 75', zipcode: null, lat: 50.936473252441, lon: 6.9247391097399,
      media_urls: ['https://sags-uns.stadt-koeln.de/system/files/2023-12/IMG_20231219_210016_0.jpg'],
      channel: null, district: null, parent_request_id: null, is_duplicate: false,
      extended: { title: '#862-2023 Gully verstopft' }, raw: records[0], quality_flags: [], note_events: [],
    });
  });

  test('863-2023: HTML in status_note becomes plain paragraphs, &nbsp; and <br> decoded', () => {
    const row = byId(canonical, '863-2023');
    expect(row.description).toBeNull();
    expect(row.media_urls).toEqual([]);
    expect(row.status_notes).toBe(
      'Guten Tag,\n\nvielen Dank für Ihren Beitrag.\n\n' +
        'Wir haben Ihren Hinweis zur Störungsbehebung an die RheinEnergie AG weitergeleitet. Eine Erledigung wird von dort so schnell wie möglich durchgeführt.\n\n' +
        'Bitte haben Sie Verständnis, dass aufgrund der derzeitigen hohen Anzahl an Meldungen leider Verzögerungen auftreten und mehrere Tage bis zur Instandsetzung vergehen können.\n\n' +
        'Mit freundlichen Grüßen\nIhre Koordinationsstelle "Öffentliche Beleuchtung" der Stadt Köln',
    );
    expect(row).toMatchObject({ service_code: '2.6.1', requested_at: '2023-12-21T19:19:11.000Z', closed_at: '2024-01-24T05:19:58.000Z' });
  });

  test('882-2023: the e-mail address inside the city’s reply is redacted, the link kept as text', () => {
    const notes = byId(canonical, '882-2023').status_notes!;
    expect(notes).toContain('Sie haben die Möglichkeit Ihr Anliegen über die allgemeine E-Mail [e-mail removed] zu melden.');
    expect(notes).toContain('https://sags-uns.stadt-koeln.de/kategorien');
    expect(notes).not.toMatch(/@/);
    expect(notes).not.toMatch(/<p>|&nbsp;/);
  });

  test('938-2023: open, CRLF lines with trailing spaces tidied, requested just after midnight local', () => {
    expect(byId(canonical, '938-2023')).toEqual({
      endpoint_id: 'koeln', service_request_id: '938-2023', token: null, status: 'open', status_raw: 'open', detailed_status: null,
      service_code: '1.6', service_name: 'Gully verstopft', category: 'water_sewer', agency_responsible: null, service_notice: null,
      description: 'Hallo\nAuf der Kalker Hauptstraße Ecke Zechenstr und Wippermannstr sind die Gullis verstopft und es bilden sich riesige Pfützen.Bitte um Beseitigung .\nMit freundlichen Grüßen\nMartin Epp',
      status_notes: 'Das Anliegen wurde erstellt.',
      requested_at: '2023-12-22T23:15:57.000Z', updated_at: '2024-01-02T05:44:44.000Z', expected_at: null,
      closed_at: null, closed_at_source: null, acknowledged_at: null,
      address: '51103 Köln - Kalk, Zechenstr. 1', zipcode: null, lat: 50.939512927744, lon: 7.0132556823361, media_urls: [],
      channel: null, district: null, parent_request_id: null, is_duplicate: false,
      extended: { title: '#938-2023 Gully verstopft' }, raw: records.find((r) => (r as { service_request_id: string }).service_request_id === '938-2023'),
      quality_flags: [], note_events: [],
    });
  });
});
