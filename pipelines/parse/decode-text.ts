// Bytes → text. Servers declare UTF-8 and sometimes send Latin-1 (QUIRKS §10), so UTF-8 is tried strictly first.
const utf8 = new TextDecoder('utf-8', { fatal: true });
// WHATWG maps "latin1"/"iso-8859-1" to windows-1252, a superset that never fails.
const latin1 = new TextDecoder('windows-1252');
const utf16le = new TextDecoder('utf-16le');
const utf16be = new TextDecoder('utf-16be');

export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Decodes a response body, dropping a byte-order mark; charset labels are not trusted (they lie). */
export function decodeText({ bytes }: { bytes: Uint8Array }): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16be.decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: 'utf-8' };
  } catch {
    return { text: latin1.decode(body), encoding: 'windows-1252' };
  }
}
