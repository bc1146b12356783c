import pLimit from 'p-limit';
import { afterEach, describe, expect, test } from 'vitest';
import { createGate } from '../../pipelines/fetch/gate.ts';
import { createEndpointClient, defaultHttpOptions } from '../../pipelines/fetch/http-client.ts';
import { BodyError } from '../../pipelines/parse/types.ts';
import type { Endpoint } from '../../pipelines/registry/types.ts';
import { loopback } from '../support/loopback.ts';
import { testDeps } from '../support/test-deps.ts';

const endpoint: Endpoint = {
  id: 'e', name: 'E', base_url: 'http://127.0.0.1/', dialect: 'generic', format: 'json', timezone: 'UTC',
  enabled: true, concurrency: 1, timeout_seconds: 1, schedule: '*/15 * * * *', trailing_days: 3,
};
const options = { ...defaultHttpOptions, maxRetries: 3, backoffBaseMs: 100, maxBytes: 10_000 };
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

function client(deps = testDeps()) {
  const gate = createGate({ concurrency: 1, ratePerMinute: 6000, next: pLimit(4), deps });
  return { deps, http: createEndpointClient({ endpoint, gate, deps, options }) };
}
const text = (r: { bytes: Uint8Array }) => Buffer.from(r.bytes).toString();

describe('endpoint HTTP client', () => {
  test('retries 5xx and 429, honours Retry-After, and sends a descriptive User-Agent', async () => {
    const answers = [500, 429, 200];
    const agents: string[] = [];
    const s = await loopback((req, res) => {
      agents.push(String(req.headers['user-agent']));
      const status = answers.shift()!;
      if (status === 429) res.setHeader('retry-after', '7');
      res.writeHead(status).end(status === 200 ? '[]' : 'busy');
    });
    close = s.close;
    const { deps, http } = client();
    const body = await http.get(new URL(`${s.url}/requests.json`), text);
    expect(body).toBe('[]');
    expect(http.stats).toMatchObject({ calls: 3, retries: 2 });
    expect(deps.slept).toContain(7000);
    expect(agents.every((a) => a.startsWith('fed311/'))).toBe(true);
  });

  test('4xx other than 429 is terminal: no retry, handed to accept', async () => {
    const s = await loopback((_req, res) => res.writeHead(403).end('<errors><error><code>403</code></error></errors>'));
    close = s.close;
    const { http } = client();
    const status = await http.get(new URL(`${s.url}/x`), (r) => r.status);
    expect(status).toBe(403);
    expect(http.stats.retries).toBe(0);
  });

  test('a body the caller cannot read (BodyError) is retried, then reported with the URL', async () => {
    const s = await loopback((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>'));
    close = s.close;
    const { http } = client();
    await expect(
      http.get(new URL(`${s.url}/requests.json`), () => {
        throw new BodyError('an HTML page, not JSON');
      }),
    ).rejects.toThrow(/requests\.json: an HTML page, not JSON/);
    expect(http.stats).toMatchObject({ calls: 4, retries: 3 });
  });

  test('a stalled answer times out and is retried', async () => {
    let calls = 0;
    const s = await loopback((_req, res) => {
      calls++;
      if (calls === 1) setTimeout(() => res.end('late'), 3000);
      else res.end('[]');
    });
    close = s.close;
    const { http } = client();
    expect(await http.get(new URL(`${s.url}/r`), text)).toBe('[]');
    expect(http.stats.retries).toBe(1);
  });

  test('a body over the size cap is refused without retry', async () => {
    const s = await loopback((_req, res) => res.end('x'.repeat(20_000)));
    close = s.close;
    const { http } = client();
    await expect(http.get(new URL(`${s.url}/r`), text)).rejects.toThrow(/exceeds the 10000-byte cap/);
    expect(http.stats.retries).toBe(0);
  });

  test('an api key never appears in an error message', async () => {
    const s = await loopback((_req, res) => res.writeHead(503).end());
    close = s.close;
    const { http } = client();
    const error = await http.get(new URL(`${s.url}/r?api_key=SECRET123`), text).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/api_key=\*\*\*/);
    expect((error as Error).message).not.toMatch(/SECRET123/);
  });

  test('gives up after maxRetries transient failures with the last status', async () => {
    const s = await loopback((_req, res) => res.writeHead(502).end());
    close = s.close;
    const { deps, http } = client();
    await expect(http.get(new URL(`${s.url}/r`), text)).rejects.toThrow(/HTTP 502/);
    expect(http.stats.calls).toBe(4);
    // full jitter with random()=0.5: half of 100, 200, 400
    expect(deps.slept.filter((ms) => ms >= 50)).toEqual([50, 100, 200]);
  });
});

test('a network failure names its cause, not only "fetch failed"', async () => {
  const s = await loopback((_req, res) => res.end());
  await s.close();
  const { http } = client();
  // The port was just freed: nothing listens there any more.
  await expect(http.get(new URL(`${s.url}/r`), text)).rejects.toThrow(/ECONNREFUSED/);
});
