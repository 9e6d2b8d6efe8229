/**
 * What a credential must be, and what a refusal says: missing, malformed, expired, revoked
 * or invalid, never which secret failed; a numeric `sub` must name an active employee.
 */
import { SignJWT } from 'jose';
import { RoleName } from '../../src/auth/roles';
import { makeUser } from '../support/factories';
import { CountingLogger } from '../support/query-counter';
import { expectNoErrors, startTestServer, TEST_JWT_SECRET, type TestServer } from '../support/server';

const secret = new TextEncoder().encode(TEST_JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const jwt = (claims: Record<string, unknown>, sub = 'token-test') =>
  new SignJWT({ roles: ['sales_manager'], ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub);

describe('tokens and their refusals (SQLite)', () => {
  let server: TestServer;
  const sql = new CountingLogger();
  beforeAll(async () => {
    server = await startTestServer('sqlite', { logger: sql });
  });
  afterAll(() => server.stop());

  const ask = async (authorization?: string, query = '{ me { subject } }') => {
    const res = await server.gql(query, {}, { headers: authorization ? { authorization } : {} });
    const error = res.body.errors?.[0];
    return {
      status: res.status,
      code: error?.extensions?.code,
      reason: error?.extensions?.reason,
      message: error?.message ?? '',
    };
  };

  it('says whether the credential was missing, malformed, expired, revoked or invalid, and never which secret failed', async () => {
    const created = await server.gql<{ createPartnerKey: { key: string; partnerKey: { id: string } } }>(
      'mutation { createPartnerKey(name: "令牌测试") { key partnerKey { id } } }',
      {},
      { role: 'archive_admin' },
    );
    const { key, partnerKey } = expectNoErrors(created.body).createPartnerKey;
    expectNoErrors(
      (
        await server.gql(
          'mutation($id: ID!) { revokePartnerKey(id: $id) { revokedAt } }',
          { id: partnerKey.id },
          { role: 'general_manager' },
        )
      ).body,
    );
    const cases: [string | undefined, string][] = [
      [undefined, 'MISSING'],
      ['Basic dXNlcjpwdw==', 'MALFORMED'],
      ['Bearer not.a.jwt', 'MALFORMED'],
      ['ApiKey not-a-key', 'MALFORMED'],
      [`ApiKey ${key}`, 'REVOKED'],
      [`ApiKey ${key.slice(0, -4)}AAAA`, 'REVOKED'],
      [
        `Bearer ${await jwt({})
          .setExpirationTime(now() - 60)
          .sign(secret)}`,
        'EXPIRED',
      ],
      [
        `Bearer ${await jwt({}).setExpirationTime('1h').sign(new TextEncoder().encode('someone-elses-secret-someone-elses'))}`,
        'INVALID',
      ],
      [
        `Bearer ${await jwt({ roles: ['superuser'] })
          .setExpirationTime('1h')
          .sign(secret)}`,
        'INVALID',
      ],
    ];
    for (const [authorization, reason] of cases) {
      const refused = await ask(authorization);
      expect({ authorization, ...refused }).toMatchObject({
        authorization,
        status: 401,
        code: 'UNAUTHENTICATED',
        reason,
      });
      expect(refused.message).not.toMatch(/secret|signature|HS256/i);
    }
  });

  it('refuses a token without exp, or issued in the future beyond a minute of clock skew', async () => {
    expect(await ask(`Bearer ${await jwt({}).sign(secret)}`)).toMatchObject({ status: 401, reason: 'INVALID' });
    expect(
      await ask(
        `Bearer ${await jwt({})
          .setIssuedAt(now() + 365 * 86400)
          .setExpirationTime('1h')
          .sign(secret)}`,
      ),
    ).toMatchObject({ status: 401, reason: 'INVALID' });
    expect(
      await ask(
        `Bearer ${await jwt({})
          .setIssuedAt(now() + 30)
          .setExpirationTime('1h')
          .sign(secret)}`,
      ),
    ).toMatchObject({ status: 200 });
  });

  it('refuses a numeric sub that names no active employee, on writes as on reads, and writes nothing', async () => {
    const before = await server.ds.query('SELECT COUNT(*) AS n FROM customer');
    const create = 'mutation { createCustomer(input: { name: "无人之客", kind: ENTERPRISE }) { id } }';
    const left = await makeUser(server.ds, RoleName.SALES_MANAGER, { active: false });
    for (const sub of ['987654321', String(left.id)]) {
      const token = await server.token('sales_manager', sub);
      expect(await ask(`Bearer ${token}`, create)).toMatchObject({
        status: 401,
        code: 'UNAUTHENTICATED',
        reason: 'REVOKED',
      });
      expect(await ask(`Bearer ${token}`)).toMatchObject({ status: 401, reason: 'REVOKED' });
    }
    expect(await server.ds.query('SELECT COUNT(*) AS n FROM customer')).toEqual(before);
  });

  it("asks about a token's employee once, with the token's verification, not on every request", async () => {
    const user = await makeUser(server.ds, RoleName.SALES_MANAGER);
    const token = await server.token('sales_manager', user.id);
    const employeeChecks = () => sql.queries.filter((q) => /EXISTS/i.test(q) && /["`]user["`]/.test(q)).length;
    sql.reset();
    for (let i = 0; i < 3; i++)
      expect(await ask(`Bearer ${token}`, '{ customers(first: 1) { totalCount } }')).toMatchObject({ status: 200 });
    expect(employeeChecks()).toBe(1);
  });

  it('treats a partner token as no employee whatever its sub, and a non-numeric sub as a service client', async () => {
    const partner = await server.gql('{ me { subject user { id } } }', {}, { role: 'partner', userId: '987654' });
    expect(expectNoErrors(partner.body)).toEqual({ me: { subject: '987654', user: null } });
    const service = await server.gql(
      '{ me { subject user { id } } }',
      {},
      { role: 'analyst', userId: 'reporting-service' },
    );
    expect(expectNoErrors(service.body)).toEqual({ me: { subject: 'reporting-service', user: null } });
  });
});
