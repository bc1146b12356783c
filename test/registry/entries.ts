// Shared test inputs: a minimal valid entry and helpers that run the real parser on YAML text.
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { parseRegistry, RegistryError } from '../../pipelines/registry/load.ts';

export const minimalEntry = {
  id: 'springfield',
  name: 'Springfield',
  base_url: 'https://311.springfield.example/open311/v2/',
  dialect: 'generic',
  timezone: 'America/Chicago',
} as const;

/** Parses `entries` written as YAML under the source name `test.yaml`. */
export function parseEntries(entries: unknown[]) {
  return parseRegistry({ text: stringify(entries), format: 'yaml', source: 'test.yaml' });
}

/** The RegistryError that parsing `entries` (or `text`) throws; fails the test when nothing is thrown. */
export function refusal(input: unknown[] | { text: string; format: 'yaml' | 'json' }): RegistryError {
  try {
    if (Array.isArray(input)) parseEntries(input);
    else parseRegistry({ ...input, source: 'test.yaml' });
  } catch (error) {
    expect(error).toBeInstanceOf(RegistryError);
    return error as RegistryError;
  }
  throw new Error('expected the registry to be refused');
}
