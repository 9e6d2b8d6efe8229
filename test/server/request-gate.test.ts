/**
 * What a request meets before GraphQL work starts: the credential first (an anonymous
 * document is never parsed), and JSON errors without stacks for what express itself refuses.
 */
import { startTestServer, type TestServer } from '../support/server';

describe('before parsing (SQLite)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server.stop());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('answers an anonymous, huge and broken document 401 without parsing it', async () => {
    // A parse would answer GRAPHQL_PARSE_FAILED (or a size limit): the credential is asked first.
    const broken = `{ ${'a: customers { totalCount } '.repeat(30_000)} ((( `;
    const res = await post(JSON.stringify({ query: broken }), { 'x-request-id': 'anon-huge-1' });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors.map((e) => e.extensions)).toEqual([
      { code: 'UNAUTHENTICATED', reason: 'MISSING', requestId: 'anon-huge-1' },
    ]);
  });

  it('suggests no field names to an anonymous caller', async () => {
    const res = await server.gql('{ customerz { totalCount } }');
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body)).not.toMatch(/did you mean|customers/i);
  });

  it('answers malformed, oversized and misdirected requests with JSON errors, without stacks or paths', async () => {
    const token = await server.token('sales_manager');
    const cases = [
      {
        res: await post('{"query": "{ me { subject } }"', { authorization: `Bearer ${token}` }),
        status: 400,
        message: 'not valid JSON',
      },
      {
        res: await post(JSON.stringify({ query: `{ me { subject } } # ${'x'.repeat(1_100_000)}` })),
        status: 413,
        message: 'too large',
      },
      { res: await fetch(`${server.baseUrl}/no-such-path`), status: 404, message: 'Not found' },
    ];
    for (const { res, status, message } of cases) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(JSON.parse(text).errors[0].message).toContain(message);
      expect(text).not.toMatch(/<html|<pre|\bat \w|node_modules|\/work\//i);
    }
  });
});
