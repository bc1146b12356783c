import { expect, test } from 'vitest';
import { endpointOf, get, rowsOf, startTestSimulator } from './sim-test-kit.ts';

test('1,000,000 requests: builds in typed arrays and serves a full page quickly (figures printed, not asserted)', async () => {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const sim = await startTestSimulator({ requests: 1_000_000, faults: 'flaky' });
  const buildMs = performance.now() - started;
  const rssAfter = process.memoryUsage().rss;
  try {
    const state = sim.state();
    expect(state.endpoints.reduce((n, e) => n + e.total, 0)).toBe(1_000_000);
    const ureport = endpointOf(sim, 'ureport');
    const url = `${ureport.base_url}requests.json?start_date=2025-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z&page_size=1000`;
    let rows: Record<string, unknown>[] = [];
    const t = performance.now();
    for (let attempt = 0; rows.length === 0 && attempt < 20; attempt++) {
      const answer = await get(url);
      if (answer.status === 200 && answer.body !== undefined) rows = rowsOf(answer);
    }
    const pageMs = performance.now() - t;
    expect(rows).toHaveLength(1000);
    console.log(
      `simulator at 1M requests: build ${buildMs.toFixed(0)} ms, RSS +${((rssAfter - rssBefore) / 1e6).toFixed(0)} MB ` +
        `(total ${(rssAfter / 1e6).toFixed(0)} MB), one 1000-row JSON page ${pageMs.toFixed(1)} ms; ` +
        state.endpoints.map((e) => `${e.id} ${e.total}`).join(', '),
    );
  } finally {
    await sim.close();
  }
});
