import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startDashboardServer, type DashboardServer } from './dashboard-server.ts';
import { ensureWebBuild } from './web-build.ts';

/**
 * One browser-test file's fixtures: the dashboard built (when stale), a harvested simulated federation served on
 * loopback and a Chromium; both are ready inside tests and closed after the file.
 */
export function useDashboard(options?: Parameters<typeof startDashboardServer>[0]): { server: DashboardServer; browser: Browser } {
  const suite = {} as { server: DashboardServer; browser: Browser };
  beforeAll(async () => {
    await ensureWebBuild();
    [suite.server, suite.browser] = await Promise.all([startDashboardServer(options), launchBrowser()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
