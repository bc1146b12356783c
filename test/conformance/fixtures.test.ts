import { readdirSync, statSync } from 'node:fs';
import { expect, test } from 'vitest';
import { fixtureFindings, fixtureRoot } from './support/fixture-findings.ts';

/**
 * The conformance findings of every recorded response (test/fixtures/open311/), reviewed by hand against the files
 * and GEOREPORT_V2.md: finding id → count. An empty object is a file with no finding.
 */
const expected: Record<string, Record<string, number>> = {
  'bloomington/requests-2012-05-23.json': {},
  'bloomington/services-2012.json': {},
  'boston/error-400-duplicate.xml': {},
  'chicago/request-single-12-01952587-extensions.json': {},
  // 7 web requests still "submitted": neither id nor token, and a status word outside open/closed.
  'chicago/requests-2012-12-01-extensions.json': { required_field_missing: 7, status_not_open_closed: 7 },
  'chicago/requests-empty.json': {},
  // A bare <error> element, not <errors><error>.
  'errors/error-403-bare-error-with-http-header.xml': { error_format: 1 },
  'errors/error-404-not-found.xml': {},
  // status "planned"; lat/long as strings on both records.
  'fixmystreet/import-requests-planned-status.json': { status_not_open_closed: 2, wrong_type: 4 },
  'giessen/services.xml': {},
  'helsinki/discovery.json': {},
  // 8 records + the first repeated: lat/long strings (18), address_string (9), one id twice.
  'helsinki/requests-wire-sample-derived.json': { wrong_type: 18, duplicate_in_answer: 1, field_name_deviation: 9 },
  'helsinki/services-en.json': {},
  'helsinki/services-sv.xml': {},
  // 100 records, each with address_string and status_note.
  'koeln-markaspot/requests-2024-01-100.json': { field_name_deviation: 200 },
  'san-francisco/request-2015-extended-attributes-EXTRACT-from-wiki.json': {},
  // "2010-11-17 01:00:56.743" (no zone, twice) and status "Open".
  'san-francisco/request-single-773485.xml': { datetime_without_zone: 2, status_not_open_closed: 1 },
  // A converter's output: {requests:[…]}, numeric ids and codes, "lon", "null"/"true" strings as date-times, status Open/Closed.
  'san-francisco/requests-2010-11-1001-converted.json': {
    datetime_unparseable: 2003, datetime_without_zone: 1000, envelope_deviation: 1, status_not_open_closed: 1001, wrong_type: 2597, field_name_deviation: 1001,
  },
  // Truncated XML: not a document at all.
  'san-francisco/requests-2010-11-17.xml': { requests_unavailable: 1 },
  'san-francisco/services-2011-leading-newline.xml': { xml_declaration_missing: 1 },
  'spec-examples/request-single-spec-example.xml': {},
  'spec-examples/requests-empty.xml': {},
  'spec-examples/requests-spec-example.xml': {},
  'spec-examples/wiki/errors.json': {},
  // The spec's own JSON writes service_request_id, address_id and zipcode as numbers.
  'spec-examples/wiki/request.json': { wrong_type: 3 },
  'spec-examples/wiki/request.xml': {},
  'spec-examples/wiki/requests.json': { wrong_type: 6 },
  'spec-examples/wiki/requests.xml': {},
  'spec-examples/wiki/services.json': {},
};

function recordedFiles(dir = ''): string[] {
  return readdirSync(new URL(dir || './', fixtureRoot)).flatMap((name) => {
    const path = `${dir}${name}`;
    if (statSync(new URL(path, fixtureRoot)).isDirectory()) return recordedFiles(`${path}/`);
    return /\.(json|xml)$/.test(name) ? [path] : [];
  });
}

test('every recorded file has a reviewed expectation', () => {
  expect(recordedFiles().sort()).toEqual(Object.keys(expected).sort());
});

test.each(Object.entries(expected))('%s', (path, counts) => {
  const findings = fixtureFindings(path);
  expect(Object.fromEntries(findings.map((f) => [f.check_id, f.count]))).toEqual(counts);
  for (const finding of findings) expect(finding.example.startsWith(path)).toBe(true);
});
