import { MeDocument, CustomersDocument } from '../generated/graphql';
import { RoleName } from '../../src/auth/roles';
import { gid, makeUser } from '../support/factories';
import { startTestServer, type TestServer, expectNoErrors } from '../support/server';
import { send } from '../support/typed';
import { SignJWT } from 'jose';

describe('authentication, typed errors and operations (SQLite)', () => {
  let server: TestServer;
  // The server's clock for credentials: the expiry test moves it forward instead of waiting.
  let clockAhead = 0;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { now: () => Date.now() + clockAhead });
  });
  afterAll(() => server.stop());

  it('answers UNAUTHENTICATED with 401 to a missing, malformed, foreign or expired token', async () => {
    const foreign = await new SignJWT({ roles: ['sales_manager'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('someone-elses-secret-someone-elses'));
    const expired = await new SignJWT({ roles: ['sales_manager'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(server.config.jwt.secret!));
    const noRole = await new SignJWT({ roles: ['superuser'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(server.config.jwt.secret!));
    for (const token of [undefined, 'not.a.jwt', foreign, expired, noRole]) {
      const res = await server.gql('{ me { subject } }', {}, token ? { token } : {});
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.body.data ?? null).toBeNull();
    }
    const introspection = await server.gql('{ __schema { queryType { name } } }');
    expect(introspection.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token once it expires, though it was accepted (and remembered) before', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = await new SignJWT({ roles: ['sales_manager'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('expiry-client')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(server.config.jwt.secret!));
    for (let i = 0; i < 2; i++) expect((await server.gql('{ me { subject } }', {}, { token })).status).toBe(200);
    // A minute and a second on, by the server's clock.
    clockAhead = 61_000;
    try {
      const res = await server.gql('{ me { subject } }', {}, { token });
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      clockAhead = 0;
    }
  });

  it('tells the caller who they are', async () => {
    // A numeric subject must name an employee (see tokens.test.ts): this one does.
    const user = await makeUser(server.ds, RoleName.FINANCE);
    const me = expectNoErrors((await send(server, MeDocument, {}, { role: 'finance', userId: user.id })).body).me;
    expect(me).toEqual({
      subject: String(user.id),
      roles: ['FINANCE'],
      user: { id: gid('User', user.id), name: user.name, role: 'FINANCE' },
    });
  });

  it('masks unexpected failures as "Unexpected error." with a request id, leaking no SQL', async () => {
    const id = 'req-masking-test-1';
    await server.ds.query('ALTER TABLE customer RENAME TO customer_moved');
    try {
      const res = await send(
        server,
        CustomersDocument,
        { first: 1 },
        { role: 'sales_manager', headers: { 'x-request-id': id } },
      );
      expect(res.body.errors?.[0]).toMatchObject({
        message: 'Unexpected error.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: id },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/customer_moved|SELECT|sqlite|no such table|stack/i);
      expect(res.headers.get('x-request-id')).toBe(id);
    } finally {
      await server.ds.query('ALTER TABLE customer_moved RENAME TO customer');
    }
  });

  it('refuses queries nested deeper than the limit, fragments included', async () => {
    const deep = `query { customers { edges { node { owner { customers { edges { node { owner { customers { edges { node { name } } } } } } } } } } } }`;
    const res = await server.gql(deep, {}, { role: 'sales_manager' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions?.code).toBe('QUERY_TOO_DEEP');
    expect(res.body.errors?.[0].message).toContain('deeper');
    const viaFragment = `fragment F on User { customers { edges { node { owner { customers { edges { node { name } } } } } } } }
      query { customers { edges { node { owner { ...F } } } } }`;
    expect((await server.gql(viaFragment, {}, { role: 'sales_manager' })).body.errors?.[0].message).toContain('deeper');
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    const metrics = await server.metrics();
    expect(metrics).toMatch(/graphql_operations_total\{operation="Customers",type="query",outcome="(ok|error)"\} \d+/);
  });

  it('runs queries over GET and refuses mutations over GET', async () => {
    const token = await server.token('sales_manager');
    const q = encodeURIComponent('{ customers(first: 1) { totalCount } }');
    const ok = await fetch(`${server.url}?query=${q}`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    const json = (await ok.json()) as { data: { customers: { totalCount: number } } };
    expect(json.data.customers.totalCount).toEqual(expect.any(Number));
    const m = encodeURIComponent('mutation { createCustomer(input: { name: "x", kind: ENTERPRISE }) { id } }');
    const refused = await fetch(`${server.url}?query=${m}`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(405);
  });
});
