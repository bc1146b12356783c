import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const artifacts = fileURLToPath(new URL('../../artifacts/web/', import.meta.url));

/** Saves a full-page screenshot under test/artifacts/web/ (git-ignored) for people to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const path = `${artifacts}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
