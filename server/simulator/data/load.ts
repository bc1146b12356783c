import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

const folder = new URL('./', import.meta.url);

/** A file of this folder as text; `latin1` for recorded files whose declared encoding is a lie (Helsinki sv). */
export function readDataText(name: string, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  return readFileSync(new URL(name, folder), encoding);
}

export function readDataJson<T>(name: string): T {
  return JSON.parse(readDataText(name)) as T;
}

/** The `<service>` entries of a recorded services.xml: text kept as text (codes like "001"), `metadata` as the boolean JSON would carry. */
export function readServicesXml(name: string, encoding: 'utf8' | 'latin1' = 'utf8'): Record<string, string | boolean>[] {
  const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, isArray: (tag) => tag === 'service' });
  const doc = parser.parse(readDataText(name, encoding)) as { services?: { service?: Record<string, unknown>[] } };
  return (doc.services?.service ?? []).map((entry) =>
    Object.fromEntries(Object.entries(entry).map(([key, value]) => {
      const text = typeof value === 'string' ? value : '';
      return [key, key === 'metadata' ? text.trim().toLowerCase() === 'true' : text];
    })),
  );
}
