import { BodyError, type ParsedBody } from './types.ts';
import { decodeText } from './decode-text.ts';
import { firstSignificant, htmlTitle, sniffBody, snippetOf } from './sniff-body.ts';
import { parseJsonText } from './parse-json.ts';
import { parseXmlText } from './parse-xml.ts';

export interface ParseBodyInput {
  bytes: Uint8Array;
  contentType: string | null;
  /** The format that was asked for; used in messages only, because the body itself decides (servers mislabel). */
  expected: 'json' | 'xml';
}

/** Decodes and parses a response body into a generic tree; throws BodyError for anything that is not a JSON or XML document. */
export function parseBody({ bytes, contentType, expected }: ParseBodyInput): ParsedBody {
  const { text } = decodeText({ bytes });
  const start = firstSignificant({ text });
  const shape = sniffBody({ text, start });
  const detail = { contentType: contentType ?? undefined, snippet: snippetOf({ text, start }) };
  const fail = (message: string): never => {
    throw new BodyError(`${message} (expected ${expected}, content-type ${contentType ?? 'none'})`, detail);
  };
  try {
    if (shape === 'json') return { kind: 'json', value: parseJsonText({ text: start === 0 ? text : text.slice(start) }) };
    if (shape === 'xml') {
      const { root, value } = parseXmlText({ text: start === 0 ? text : text.slice(start) });
      return { kind: 'xml', root, value };
    }
  } catch (error) {
    if (error instanceof BodyError) return fail(error.message);
    throw error;
  }
  if (shape === 'empty') return fail('empty body');
  if (shape === 'html') {
    const title = htmlTitle({ text });
    return fail(`got an HTML page instead of ${expected}${title ? `: "${title}"` : ''}`);
  }
  return fail(`body is neither JSON nor XML, it starts with "${detail.snippet.slice(0, 60)}"`);
}
