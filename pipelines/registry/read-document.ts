import { parseDocument } from 'yaml';
import { RegistryError } from './error.ts';

export type RegistryFormat = 'yaml' | 'json';

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

function readYaml(text: string, source: string): unknown {
  // yaml 1.2 core schema: 2024-01-01 stays text, duplicate keys are errors
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problems = document.errors.map((error) => {
    const at = error.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}` : 'somewhere';
    const what = error.code === 'MULTIPLE_DOCS'
      ? 'the registry must be a single YAML document (remove the extra "---")'
      : (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return `${source}: ${where}: YAML syntax error: ${what}`;
  });
  if (problems.length) throw new RegistryError({ source, problems });
  return document.toJS({ maxAliasCount: 100 });
}

/** Where JSON.parse stopped: its own offset when V8 gives one, else the first error yaml finds in the same text. */
function jsonErrorPlace(text: string, message: string): string | null {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return lineAndColumn(text, Number(position));
  const at = parseDocument(text).errors[0]?.linePos?.[0];
  return at ? `line ${at.line}, column ${at.col}` : null;
}

function readJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const place = jsonErrorPlace(text, message);
    // V8 quotes a multi-line excerpt after the token; one problem must stay one line
    const what = message.replace(/, .*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new RegistryError({ source, problems: [`${source}: ${place ? `${place}: ` : ''}JSON syntax error: ${what}`] });
  }
}

/** Registry text → plain data. Syntax errors throw a RegistryError that says where (line, column). */
export function readDocument({ text, format, source }: { text: string; format: RegistryFormat; source: string }): unknown {
  const body = text.replace(/^\uFEFF/, '');
  return format === 'json' ? readJson(body, source) : readYaml(body, source);
}
