import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { startTestServer, type TestServer } from '../support/server';
import { freePort } from '../support/system';

/**
 * A page served from another origin calls the API from a real browser (Debian's chromium,
 * headless): allowed origins get the answer, others get what browsers give without CORS.
 */
function servePage(port: number, html: string): Promise<http.Server> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** The page asks for a customers page with the token and leaves what happened in window.outcome. */
const pageCalling = (api: string, token: string) => `<!doctype html><meta charset="utf-8"><title>client</title>
<script>
  window.outcome = fetch(${JSON.stringify(api)}, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: ${JSON.stringify(`Bearer ${token}`)} },
    body: JSON.stringify({ query: '{ customers(first: 1) { totalCount } }' }),
  }).then(
    async (res) => ({ status: res.status, requestId: res.headers.get('x-request-id'), body: await res.json() }),
    (err) => ({ error: String(err) }),
  );
</script>`;

describe('CORS', () => {
  let api: TestServer;
  let browser: Browser;
  let allowedPort: number;
  const pages: http.Server[] = [];

  beforeAll(async () => {
    allowedPort = await freePort();
    api = await startTestServer('sqlite', {
      env: { CORS_ORIGINS: `http://127.0.0.1:${allowedPort}, https://app.example.com` },
    });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    for (const p of pages) await new Promise((r) => p.close(r));
    await api?.stop();
  });

  async function outcomeOnPageAt(port: number) {
    const server = await servePage(port, pageCalling(api.url, await api.token('analyst')));
    pages.push(server);
    const page = await browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      return await page.evaluate(() => (globalThis as unknown as { outcome: Promise<unknown> }).outcome);
    } finally {
      await page.close();
    }
  }

  it('serves a page from an allowed origin, preflight and all, and shows it the request id', async () => {
    const outcome = (await outcomeOnPageAt(allowedPort)) as {
      status: number;
      requestId: string | null;
      body: { data: { customers: { totalCount: number } } };
    };
    expect(outcome.status).toBe(200);
    expect(outcome.body.data.customers.totalCount).toBe(0);
    expect(outcome.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives a page from any other origin nothing (the browser reports a failed fetch)', async () => {
    const outcome = (await outcomeOnPageAt(await freePort())) as { error?: string };
    expect(outcome.error).toMatch(/Failed to fetch/);
  });

  it('answers the preflight without asking for a credential, and never allows credentials', async () => {
    const res = await fetch(api.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const other = await fetch(api.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an origin with a path at start, naming CORS_ORIGINS', async () => {
    await expect(startTestServer('sqlite', { env: { CORS_ORIGINS: 'https://app.example.com/path' } })).rejects.toThrow(
      /CORS_ORIGINS: "https:\/\/app.example.com\/path" is not an origin/,
    );
  });
});
