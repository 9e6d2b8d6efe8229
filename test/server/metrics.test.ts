/**
 * /metrics: not open to anonymous callers on the API port, and label values from a bounded
 * set, so no client can grow the process's memory or the scrape through operation names.
 */
import { MAX_OPERATION_LABEL_LENGTH, MAX_OPERATION_LABELS } from '../../src/server/metrics';
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from '../support/server';
import { freePort } from '../support/system';

const operationLabels = (text: string) =>
  new Set([...text.matchAll(/^graphql_operations_total\{operation="([^"]*)"/gm)].map((m) => m[1]));

describe('metrics (SQLite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.stop());

  it('asks for METRICS_TOKEN on the API port', async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } }))
        .status,
    ).toBe(401);
    const token = await server.token('general_manager');
    expect((await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
      401,
    );
    const ok = await fetch(`${server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^process_cpu_user_seconds_total /m);
  });

  it('keeps no trace of anonymous operation names', async () => {
    const before = (await server.metrics()).length;
    for (let i = 0; i < 30; i++) {
      // The name is in the body twice: 900 KiB per request, as in the probe that grew the heap by 80 MB.
      const operationName = `Probe${i}${'x'.repeat(450 * 1024)}`;
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `query ${operationName} { me { subject } }`, operationName }),
      });
      expect(res.status).toBe(401);
    }
    const text = await server.metrics();
    expect(text).not.toContain('Probe');
    expect(text.length).toBeLessThan(before + 4096);
  });

  it('labels operations by at most a capped number of names, cut short, and invalid documents as invalid', async () => {
    const long = `Long${'y'.repeat(200)}`;
    for (const name of [long, ...Array.from({ length: MAX_OPERATION_LABELS + 20 }, (_, i) => `Screen${i}`)]) {
      expect((await server.gql(`query ${name} { me { subject } }`, {}, { role: 'analyst' })).status).toBe(200);
    }
    // An invalid document answered as application/json is 200 with its errors (GraphQL over HTTP).
    expect((await server.gql('query NotValid { meh }', {}, { role: 'analyst' })).status).toBe(200);
    const labels = operationLabels(await server.metrics());
    expect(labels.has(long.slice(0, MAX_OPERATION_LABEL_LENGTH))).toBe(true);
    expect([...labels].every((l) => l.length <= MAX_OPERATION_LABEL_LENGTH)).toBe(true);
    expect(labels.has('other')).toBe(true);
    expect(labels.has('invalid')).toBe(true);
    expect(labels.has('NotValid')).toBe(false);
    expect(labels.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 3);
  });

  it('serves /metrics on METRICS_PORT only, when that is configured', async () => {
    const port = await freePort();
    const apart = await startTestServer('sqlite', { env: { METRICS_PORT: String(port), METRICS_TOKEN: '' } });
    try {
      expect((await fetch(`${apart.baseUrl}/metrics`)).status).toBe(404);
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^process_cpu_user_seconds_total /m);
    } finally {
      await apart.stop();
    }
  });
});
