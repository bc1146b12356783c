import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, headless, WebGL in software (SwiftShader) so MapLibre renders; no network beyond loopback. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const desktop = { width: 1360, height: 900 };
export const phone = { width: 390, height: 844 };

/** A page that records console errors and uncaught exceptions, so every test can assert there were none. */
export async function openPage(browser: Browser, { viewport = desktop, acceptDownloads = false } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, acceptDownloads, timezoneId: 'America/Los_Angeles', locale: 'en-US' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Waits until the Explore map has loaded data `loads` times and MapLibre has drawn it (idle). */
export async function waitForMap(page: Page, loads = 1): Promise<void> {
  await page.waitForFunction((n) => {
    const w = window as unknown as { __fed311?: { loads: number; map: { loaded(): boolean; isMoving(): boolean; areTilesLoaded(): boolean } } };
    return (w.__fed311?.loads ?? 0) >= n && w.__fed311!.map.loaded() && !w.__fed311!.map.isMoving() && w.__fed311!.map.areTilesLoaded();
  }, loads, { timeout: 30_000 });
}
