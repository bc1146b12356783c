import { describe, expect, test } from 'vitest';
import { freeText, plainText } from '../../pipelines/normalize/clean-text.ts';

describe('plain text from HTML (a real parser, html-to-text)', () => {
  test('tags become text, entities are decoded, scripts are dropped; text that is not HTML is only tidied', () => {
    expect(plainText('<p>Guten Tag,&nbsp;</p><p>vielen Dank.</p>')).toBe('Guten Tag,\n\nvielen Dank.');
    expect(plainText('x<br/>y')).toBe('x\ny');
    expect(plainText('<b>Bold</b> &#228;&#x00F6;')).toBe('Bold äö');
    expect(plainText('Tom &amp; Jerry')).toBe('Tom & Jerry');
    expect(plainText('<script>alert(1)</script>Text')).toBe('Text');
    expect(plainText('a < b and c > d')).toBe('a < b and c > d');
    expect(plainText('  1325  HOWARD ST \r\n')).toBe('1325 HOWARD ST');
    expect([plainText('<p>&nbsp;</p>'), plainText(null), plainText('null')]).toEqual([null, null, null]);
  });

  test('converted HTML is remembered (templated status notes repeat): the same text again, after many others, and long texts', () => {
    const note = '<p>Guten Tag,&nbsp;</p><p>vielen Dank für Ihren Beitrag.</p>';
    expect(plainText(note)).toBe('Guten Tag,\n\nvielen Dank für Ihren Beitrag.');
    for (let i = 0; i < 600; i++) expect(plainText(`<p>note ${i}</p>`)).toBe(`note ${i}`);
    expect([plainText(note), plainText(note)]).toEqual(['Guten Tag,\n\nvielen Dank für Ihren Beitrag.', 'Guten Tag,\n\nvielen Dank für Ihren Beitrag.']);
    const long = `<p>${'x'.repeat(5000)}</p>`;
    expect([plainText(long), plainText(long)]).toEqual(['x'.repeat(5000), 'x'.repeat(5000)]);
    expect([plainText('<p>&nbsp;</p>'), plainText('<p>&nbsp;</p>')]).toEqual([null, null]);
  });
});

describe('personal data redacted in free text', () => {
  test('e-mail addresses and phone numbers written as phones, in several national formats', () => {
    expect(freeText('Closed. Contact John at 617-635-4500 or john.smith@boston.gov.')).toBe('Closed. Contact John at [phone removed] or [e-mail removed].');
    expect(freeText('(617) 635-4500')).toBe('[phone removed]');
    expect(freeText('Tel. 0221 221 22')).toBe('Tel. [phone removed]');
    expect(freeText('puhelin 09 310 1691')).toBe('puhelin [phone removed]');
    expect(freeText('+49 221 221-0')).toBe('[phone removed]');
    expect(freeText('+358 40 1234567')).toBe('[phone removed]');
    expect(freeText('0044 20 7946 0958')).toBe('[phone removed]');
    expect(freeText('phone: 6176354500')).toBe('phone: [phone removed]');
  });

  test('text without an "@" skips the e-mail pattern; with one, both patterns still run', () => {
    expect(freeText('ids 101005420892 and foo.bar at example.com')).toBe('ids 101005420892 and foo.bar at example.com');
    expect(freeText('mail a@b.example or 555 1234 567')).toBe('mail [e-mail removed] or [phone removed]');
    expect(freeText('x@y.com 12 34 56 78')).toBe('[e-mail removed] [phone removed]');
  });

  test('numbers that are not phones stay: request ids, dates, codes, addresses, coordinates, 311 itself', () => {
    for (const text of [
      'call 311',
      'SR 12-01952587 dup of 862-2023',
      'on 2024-01-05 and 05.01.2024',
      '1325 HOWARD ST 94115',
      'code 2.1.3 ref 101005420892',
      'Lat 50.936473 Long 6.924739',
    ]) {
      expect(freeText(text)).toBe(text);
    }
  });
});
