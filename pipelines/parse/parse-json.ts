import { BodyError } from './types.ts';
import { quoteLeadingZeroNumbers } from './json-leading-zeros.ts';

const POSITION = /at position (\d+)/;

function describe(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = POSITION.exec(message);
  const truncated = message.includes('end of JSON input') || (at !== null && Number(at[1]) >= text.trimEnd().length);
  return truncated ? `truncated JSON (${message})` : `invalid JSON: ${message}`;
}

/** JSON.parse first (fast path); only a failing body gets the leading-zero fix-up and a second try. */
export function parseJsonText({ text }: { text: string }): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const fixed = quoteLeadingZeroNumbers({ text });
    if (fixed !== null) {
      try {
        return JSON.parse(fixed);
      } catch {
        // fall through: report the original error, which points at the real problem
      }
    }
    throw new BodyError(describe(error, text));
  }
}
