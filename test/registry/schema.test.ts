import { describe, expect, test } from 'vitest';
import { minimalEntry, parseEntries, refusal } from './entries.ts';

describe('a minimal entry', () => {
  test('gets every default', () => {
    expect(parseEntries([minimalEntry])).toEqual([{
      ...minimalEntry,
      format: 'json',
      enabled: true,
      concurrency: 1,
      timeout_seconds: 30,
      schedule: '*/15 * * * *',
      trailing_days: 3,
    }]);
  });

  test('base_url gets exactly one trailing slash', () => {
    const [withSlash] = parseEntries([{ ...minimalEntry, base_url: 'https://x.example/open311/v2/' }]);
    const [without] = parseEntries([{ ...minimalEntry, base_url: 'http://x.example/CWI/Open311/v2' }]);
    expect(withSlash?.base_url).toBe('https://x.example/open311/v2/');
    expect(without?.base_url).toBe('http://x.example/CWI/Open311/v2/');
  });

  test.each([
    ['a variable name', { api_key_env: 'CHICAGO_OPEN311_KEY' }],
    ['UTC', { timezone: 'UTC' }],
    ['a three-part zone', { timezone: 'America/Indiana/Indianapolis' }],
    ['a leap day', { backfill_from: '2024-02-29' }],
    ['a cron with names, lists, ranges and steps', { schedule: '*/5 0-6,22-23 1 JAN,jul mon-fri' }],
    ['a bbox', { bbox: [-87.95, 41.64, -87.52, 42.03] }],
    ['the largest page', { page_size: 1000 }],
    ['a fractional rate', { rate_limit_per_minute: 0.5 }],
  ])('accepts %s', (_, override) => {
    expect(parseEntries([{ ...minimalEntry, ...override }])[0]).toMatchObject(override);
  });
});

describe('each refusal names the entry id and the field', () => {
  test.each([
    ['an unknown key', { colour: 'red' }, 'colour', /unknown key/],
    ['a key brought over from r311', { limit: 50 }, 'limit', /did you mean page_size/],
    ['a secret under an unknown key', { api_key: 'abc' }, 'api_key', /secrets never go in the registry/],
    ['a missing required key', { name: undefined }, 'name', /required key is missing/],
    ['an empty name', { name: '  ' }, 'name', /must not be empty/],
    ['an id with capitals', { id: 'Springfield' }, 'id', /slug/],
    ['an id with underscores', { id: 'spring_field' }, 'id', /slug/],
    ['an id starting with -', { id: '-springfield' }, 'id', /slug/],
    ['a base_url that is no URL', { base_url: 'not a url' }, 'base_url', /absolute http\(s\) URL/],
    ['an ftp base_url', { base_url: 'ftp://x.example/' }, 'base_url', /http or https/],
    ['a base_url with a query', { base_url: 'https://x.example/?jurisdiction_id=x' }, 'base_url', /query/],
    ['a base_url with credentials', { base_url: 'https://me:pw@x.example/' }, 'base_url', /credentials/],
    ['a method URL as base_url', { base_url: 'https://x.example/open311/v2/655/requests.json' }, 'base_url', /method URL/],
    ['an unknown dialect', { dialect: 'lagan' }, 'dialect', /unknown dialect "lagan" \(known: generic, chicago/],
    ['an unknown zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone', /not a known IANA time zone/],
    ['a zone abbreviation', { timezone: 'EST' }, 'timezone', /abbreviation/],
    ['a mis-cased zone', { timezone: 'america/chicago' }, 'timezone', /spell it "America\/Chicago"/],
    ['a lower-case variable name', { api_key_env: 'chicago_key' }, 'api_key_env', /name of an environment variable/],
    ['a bbox with west east of east', { bbox: [10, 40, 5, 50] }, 'bbox', /west must be less than east/],
    ['a bbox with south north of north', { bbox: [5, 50, 10, 40] }, 'bbox', /south must be less than north/],
    ['a bbox outside the globe', { bbox: [-200, 40, 10, 50] }, 'bbox', /longitudes within -180..180/],
    ['a bbox of three numbers', { bbox: [1, 2, 3] }, 'bbox', /four numbers/],
    ['a bbox with text in it', { bbox: [1, 'two', 3, 4] }, 'bbox[1]', /expected a number, got text/],
    ['a four-field cron', { schedule: '0 * * *' }, 'schedule', /must have 5 fields/],
    ['a cron minute of 60', { schedule: '60 * * * *' }, 'schedule', /minute: "60" is outside 0-59/],
    ['a cron step of 0', { schedule: '*/0 * * * *' }, 'schedule', /step/],
    ['a backwards cron range', { schedule: '0 5-1 * * *' }, 'schedule', /backwards/],
    ['a cron macro', { schedule: '@hourly' }, 'schedule', /5 fields/],
    ['a date that does not exist', { backfill_from: '2023-02-29' }, 'backfill_from', /not a real date/],
    ['a date in another format', { backfill_from: '01/02/2024' }, 'backfill_from', /YYYY-MM-DD/],
    ['a page size of 0', { page_size: 0 }, 'page_size', /at least 1/],
    ['a page size above 1000', { page_size: 1001 }, 'page_size', /at most 1000/],
    ['a fractional page size', { page_size: 2.5 }, 'page_size', /whole number/],
    ['a rate limit of 0', { rate_limit_per_minute: 0 }, 'rate_limit_per_minute', /above 0/],
    ['a concurrency above 8', { concurrency: 9 }, 'concurrency', /at most 8/],
    ['an unknown format', { format: 'csv' }, 'format', /json or xml/],
    ['enabled as text', { enabled: 'yes' }, 'enabled', /expected a boolean, got text/],
    ['an empty value', { notes: null }, 'notes', /got an empty value/],
    ['a numeric jurisdiction_id', { jurisdiction_id: 12345 }, 'jurisdiction_id', /expected text, got a number \(quote it\)/],
  ])('%s', (_, override, field, reason) => {
    const entry = { ...minimalEntry, ...override };
    const { problems } = refusal([minimalEntry, entry].map((e, i) => ({ ...e, id: i ? e.id : 'first' })));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^test\\.yaml: entry 1 \\(id "${entry.id}"\\): ${field.replace(/[[\]]/g, '\\$&')}: `));
    expect(problems[0]).toMatch(reason);
  });

  test.each([
    ['a hex key', '3f2504e04f8911d39a0c0305e82c3301'],
    ['a UUID', '3f2504e0-4f89-11d3-9a0c-0305e82c3301'],
    ['a mixed-case token', 'sk_live_9aZk3Lm0PqR7tY2w'],
    ['an upper-case run of letters and digits', 'A1B2C3D4E5F6G7H8I9J0'],
  ])('api_key_env holding %s asks for a variable name and never echoes the key', (_, key) => {
    const { problems } = refusal([{ ...minimalEntry, api_key_env: key }]);
    expect(problems).toEqual([expect.stringMatching(/^test\.yaml: entry 0 \(id "springfield"\): api_key_env: looks like an API key itself/)]);
    expect(problems[0]).toMatch(/put the name of the environment variable/);
    expect(problems[0]).not.toContain(key);
  });

  test('a duplicate id names both entries', () => {
    const { problems } = refusal([minimalEntry, { ...minimalEntry, id: 'other' }, minimalEntry]);
    expect(problems).toEqual(['test.yaml: entry 2 (id "springfield"): id: duplicate: entry 0 has the same id']);
  });
});
