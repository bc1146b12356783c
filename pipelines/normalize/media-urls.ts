import { isBlankish } from './text.ts';

function add(urls: string[], value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) add(urls, item);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    add(urls, record.url ?? record.media_url);
    return;
  }
  if (typeof value !== 'string' || isBlankish(value)) return;
  const url = value.trim();
  if (!urls.includes(url)) urls.push(url);
}

/** `media_url` (string, list, objects with a url) plus the dialect's vendor photo list; trimmed, deduplicated, blanks dropped. */
export function collectMediaUrls({ mediaUrl, extra }: { mediaUrl: unknown; extra?: readonly string[] }): string[] {
  const urls: string[] = [];
  add(urls, mediaUrl);
  if (extra) add(urls, extra);
  return urls;
}
