// Dev-time only: rebuilds the *-samples.json files here from the recorded fixtures (the product never reads the fixtures).
// Usage: npx tsx server/simulator/data/extract-samples.ts /path/to/fixtures/open311
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;
const root = process.argv[2];
if (!root) throw new Error('usage: extract-samples.ts <fixtures/open311 folder>');
const here = new URL('.', import.meta.url).pathname;
const read = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'));
const write = (name: string, value: unknown) => writeFileSync(join(here, name), `${JSON.stringify(value, null, 1)}\n`);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
// Keep citizen texts free of contact details and signatures.
const personal = /@|\+?\d[\d -]{6,}\d|terveisin|grüßen|gruß|mfg|nimimerkki/i;
const clean = (texts: string[]) => [...new Set(texts.map((t) => t.trim()).filter((t) => t && !personal.test(t)))];
const officeLines = (note: string) => note.split('\n').filter((line) => !/@|\d{2,}-\d{3}|fax|PL \d|avoinna|^ma |^ti |^pe /i.test(line)).join('\n').trim();

function chicago() {
  const rows = read('chicago/requests-2012-12-01-extensions.json') as Json[];
  const services = new Map<string, { code: string; name: string; agency: string }>();
  for (const r of rows) {
    const code = str(r.service_code);
    const prev = services.get(code);
    services.set(code, { code, name: str(r.service_name), agency: prev?.agency || str(r.agency_responsible) });
  }
  const backOffice = rows.filter((r) => r.zipcode);
  write('chicago-samples.json', {
    source: 'chicago/requests-2012-12-01-extensions.json',
    services: [...services.values()],
    places: backOffice.map((r) => ({ address: str(r.address), lat: r.lat, long: r.long, zipcode: str(r.zipcode) })),
    webPlaces: rows.filter((r) => r.status === 'submitted').map((r) => ({ address: str(r.address), lat: r.lat, long: r.long })),
    closedNotes: clean(rows.filter((r) => r.status === 'closed').map((r) => str(r.status_notes))),
    activityNotes: clean(rows.filter((r) => r.status === 'open').map((r) => str(r.status_notes))),
  });
}

function koeln() {
  const rows = read('koeln-markaspot/requests-2024-01-100.json') as Json[];
  const services = new Map<string, string>();
  for (const r of rows) services.set(str(r.service_code), str(r.service_name));
  const notes = [...new Set(rows.map((r) => str(r.status_note)))];
  write('koeln-samples.json', {
    source: 'koeln-markaspot/requests-2024-01-100.json',
    services: [...services].map(([code, name]) => ({ code, name })),
    places: rows.map((r) => ({ address: str(r.address_string), lat: r.lat, long: r.long })),
    descriptions: clean(rows.map((r) => str(r.description))),
    createdNote: 'Das Anliegen wurde erstellt.',
    htmlNotes: notes.filter((n) => n.startsWith('<') && !personal.test(n.replace(/grüßen/gi, ''))),
  });
}

function helsinki() {
  const dump = read('helsinki/derived-django-fixture-1380-real-requests-2014-2016.json') as Json[];
  const codes = new Set(['172', '246', '176', '171', '198', '199', '174', '211', '234', '180']);
  const records = dump.filter((x) => x.model === 'api.feedback').map((x) => x.fields as Json)
    .filter((r) => codes.has(str(r.service_code)) && !personal.test(str(r.description)) && !personal.test(str(r.title)))
    .slice(0, 400)
    .map((r) => {
      const point = /POINT \(([\d.]+) ([\d.]+)\)/.exec(str(r.location));
      return {
        code: str(r.service_code), title: str(r.title), description: str(r.description), address: str(r.address_string),
        lat: point ? Number(Number(point[2]).toFixed(6)) : null, long: point ? Number(Number(point[1]).toFixed(6)) : null,
        agency: str(r.agency_responsible), statusNotes: officeLines(str(r.status_notes)),
      };
    });
  write('helsinki-samples.json', { source: 'helsinki/derived-django-fixture-1380-real-requests-2014-2016.json', records });
}

function bloomington() {
  const rows = read('bloomington/requests-2012-05-23.json') as Json[];
  const sf = read('san-francisco/request-2015-extended-attributes-EXTRACT-from-wiki.json') as Json[];
  write('bloomington-samples.json', {
    source: 'bloomington/requests-2012-05-23.json (+ one description from san-francisco/request-2015-…-EXTRACT-from-wiki.json)',
    descriptions: clean([...rows, ...sf].map((r) => str(r.description))),
    places: rows.filter((r) => str(r.address).trim()).map((r) => ({ address: str(r.address), lat: r.lat || null, long: r.long || null })),
    agencies: [...new Set(rows.map((r) => str(r.agency_responsible)))],
  });
}

function sanFrancisco() {
  const rows = (read('san-francisco/requests-2010-11-1001-converted.json') as { requests: Json[] }).requests;
  const seen = new Set<string>();
  const places = rows.filter((r) => typeof r.lat === 'number' && r.lat !== 0 && !seen.has(str(r.address)) && seen.add(str(r.address)))
    .slice(0, 400)
    .map((r) => ({ address: str(r.address), lat: r.lat, long: r.lon, zipcode: String(r.zipcode ?? '') }));
  write('san-francisco-samples.json', { source: 'san-francisco/requests-2010-11-1001-converted.json', places });
}

chicago();
koeln();
helsinki();
bloomington();
sanFrancisco();
