import { describe, expect, test } from 'vitest';
import { collectMediaUrls } from '../../pipelines/normalize/media-urls.ts';
import { isPersonalKey, withoutPersonalFields } from '../../pipelines/normalize/personal-fields.ts';
import { flattenText, idText, tidyText } from '../../pipelines/normalize/text.ts';

describe('text', () => {
  test('tidyText: CRLF → LF, runs of spaces folded, lines and ends trimmed; blanks and "null" → null', () => {
    expect(tidyText('  1325  HOWARD ST SAN FRANCISCO , CA ')).toBe('1325 HOWARD ST SAN FRANCISCO , CA');
    expect(tidyText('Hallo\r\nAuf der Straße . \r\nMit freundlichen Grüßen \r\n')).toBe('Hallo\nAuf der Straße .\nMit freundlichen Grüßen');
    expect(tidyText('a\t\tb\u00a0 c\rd')).toBe('a b c\nd');
    expect(tidyText('<p>Guten Tag,&nbsp;</p>')).toBe('<p>Guten Tag,&nbsp;</p>');
    expect([tidyText(''), tidyText('   '), tidyText('null'), tidyText(null), tidyText({})]).toEqual([null, null, null, null, null]);
    expect(tidyText(94122)).toBe('94122');
  });

  test('tidyText: text with nothing to tidy inside (a fast path) is only trimmed; each kind of untidiness alone is still found', () => {
    expect(tidyText('Line one\nLine two')).toBe('Line one\nLine two');
    expect(tidyText('\u2003 padded by other spaces \u3000')).toBe('padded by other spaces');
    expect(tidyText('a\u2003\u2003b')).toBe('a\u2003\u2003b');
    expect([tidyText('a\rb'), tidyText('a\tb'), tidyText('a\fb'), tidyText('a\vb'), tidyText('a\u00a0b')]).toEqual(['a\nb', 'a b', 'a b', 'a b', 'a b']);
    expect([tidyText('a  b'), tidyText('a \nb'), tidyText('a\n b'), tidyText('a\n\nb')]).toEqual(['a b', 'a\nb', 'a\nb', 'a\n\nb']);
    // One step can make work for the next (a CR turned into a line end, now beside a space).
    expect([tidyText('a \r\n b'), tidyText('a\t\r\n\tb'), tidyText('x \r y'), tidyText(' \r\n '), tidyText('a\u00a0\n\u00a0b'), tidyText('a  \n  b\r\rc')])
      .toEqual(['a\nb', 'a\nb', 'x\ny', null, 'a\nb', 'a\nb\n\nc']);
    expect([tidyText(' NULL '), tidyText('Null'), tidyText('nul'), tidyText('nulls'), tidyText('\u0130null')]).toEqual([null, null, 'nul', 'nulls', '\u0130null']);
  });

  test('idText keeps ids as sent, numbers as their text', () => {
    expect([idText(638344), idText(' 12-01952587 '), idText('006'), idText(''), idText('null'), idText(Number.NaN)]).toEqual(['638344', '12-01952587', '006', null, null, null]);
  });

  test('flattenText: objects and lists to one line', () => {
    expect(flattenText({ recipient: ['City of Edinburgh Council', 'Transport Scotland'] })).toBe('City of Edinburgh Council; Transport Scotland');
    expect(flattenText({ recipient: 'Merton' })).toBe('Merton');
    expect(flattenText([{ name: 'Public Works' }, 'Parks', null])).toBe('Public Works; Parks');
    expect(flattenText({ id: 7, type: 'Queue' })).toBe('7; Queue');
    expect(flattenText({})).toBeNull();
  });
});

describe('media urls', () => {
  test('strings trimmed, lists and url objects read, duplicates and blanks dropped, vendor list appended', () => {
    expect(collectMediaUrls({ mediaUrl: 'http://city.gov/638344.jpg ', extra: ['http://city.gov/638344.jpg', 'http://city.gov/2.jpg'] }))
      .toEqual(['http://city.gov/638344.jpg', 'http://city.gov/2.jpg']);
    expect(collectMediaUrls({ mediaUrl: [{ id: 'a', url: 'https://b/1.png', tags: [] }, '', null] })).toEqual(['https://b/1.png']);
    expect(collectMediaUrls({ mediaUrl: '' })).toEqual([]);
  });
});

describe('personal fields', () => {
  test('the listed keys and any key saying e-mail or phone, case-insensitively', () => {
    for (const key of ['email', 'First_Name', 'last_name', 'phone', 'device_id', 'account_id', 'requestor_name', 'contact', 'contact_email', 'E-Mail', 'telephone', 'PhoneNumber', 'e_mail']) {
      expect(isPersonalKey(key)).toBe(true);
    }
    for (const key of ['description', 'status', 'title', 'contacted_at', 'address', 'mailbox']) expect(isPersonalKey(key)).toBe(false);
  });

  test('removed at any depth, without touching the input; clean values are returned as they are', () => {
    const raw = { id: 1, email: 'a@b.c', extended_attributes: { markaspot: { 'e-mail': 'x', status: 'ok' } }, notes: [{ phone: '1', text: 't' }] };
    const copy = JSON.parse(JSON.stringify(raw));
    expect(withoutPersonalFields(raw)).toEqual({ id: 1, extended_attributes: { markaspot: { status: 'ok' } }, notes: [{ text: 't' }] });
    expect(raw).toEqual(copy);
    const clean = { id: 1, notes: [{ text: 't' }] };
    expect(withoutPersonalFields(clean)).toBe(clean);
  });
});
