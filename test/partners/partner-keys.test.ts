import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import { PartnerKey } from '../../src/partners/partner-key.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer, makeUser } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

describeEachDialect('partner API keys', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const issue = async (name: string) => {
    const admin = await makeUser(server.ds, RoleName.ARCHIVE_ADMIN);
    const { body } = await server.gql<{
      createPartnerKey: { key: string; partnerKey: { id: string; prefix: string; name: string } };
    }>(
      'mutation ($name: String!) { createPartnerKey(name: $name) { key partnerKey { id prefix name } } }',
      { name },
      { role: 'archive_admin', userId: admin.id },
    );
    return expectNoErrors(body).createPartnerKey;
  };
  const asKey = (key: string, query: string) => server.gql(query, {}, { headers: { authorization: `ApiKey ${key}` } });

  it('issues a key shown once, stores only its hash, and lets the partner read with partner rules', async () => {
    const { key, partnerKey } = await issue('华信物流合作伙伴');
    expect(key).toMatch(new RegExp(`^cak_${partnerKey.prefix}_`));
    const stored = await server.ds.getRepository(PartnerKey).findOneByOrFail({ prefix: partnerKey.prefix });
    // The secret is all after the prefix: base64url may hold '_' itself, and a short piece of it
    // can occur in the stored hash by chance.
    const secret = key.slice(`cak_${partnerKey.prefix}_`.length);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A, name: '甲类客户' });
    const b = await makeCustomer(server.ds, { abcClass: AbcClass.B, name: '乙类客户' });
    await makeContact(server.ds, b.id, { name: '李娜', mobile: '13912345678' });
    const me = expectNoErrors((await asKey(key, '{ me { subject roles } }')).body) as {
      me: { subject: string; roles: string[] };
    };
    expect(me.me.roles).toEqual(['PARTNER']);

    const seen = await asKey(
      key,
      `{ a: customer(id: "${gid('Customer', a.id)}") { name } b: customer(id: "${gid('Customer', b.id)}") { name creditLimit contacts { edges { node { role name mobile } } } } }`,
    );
    const data = seen.body.data as {
      a: null;
      b: { name: string; creditLimit: null; contacts: { edges: { node: { name: null; mobile: null } }[] } };
    };
    expect(data.a).toBeNull();
    expect(data.b.name).toBe('乙类客户');
    expect(data.b.creditLimit).toBeNull();
    expect(data.b.contacts.edges[0].node).toMatchObject({ name: null, mobile: null });
    const codes = new Set(seen.body.errors?.map((e) => `${e.path?.slice(-1)[0]}:${e.extensions?.code}`));
    expect(codes).toEqual(new Set(['creditLimit:FORBIDDEN', 'name:FORBIDDEN', 'mobile:FORBIDDEN']));

    const write = await asKey(key, 'mutation { createCustomer(input: { name: "伙伴建档", kind: ENTERPRISE }) { id } }');
    expect(write.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a revoked, unknown or malformed key with UNAUTHENTICATED', async () => {
    const { key, partnerKey } = await issue('即将撤销');
    expectNoErrors((await asKey(key, '{ me { subject } }')).body);
    const revoked = await server.gql(
      'mutation ($id: ID!) { revokePartnerKey(id: $id) { revokedAt } }',
      { id: partnerKey.id },
      { role: 'general_manager' },
    );
    expect(
      (expectNoErrors(revoked.body) as { revokePartnerKey: { revokedAt: string } }).revokePartnerKey.revokedAt,
    ).toEqual(expect.any(String));
    const tampered = key.slice(0, -2) + (key.endsWith('AA') ? 'BB' : 'AA');
    for (const k of [key, tampered, 'cak_nope', 'garbage']) {
      const res = await asKey(k, '{ me { subject } }');
      expect(res.status).toBe(401);
      expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('leaves key management to general_manager and archive_admin', async () => {
    for (const role of ['sales_manager', 'finance', 'partner', 'analyst'] as const) {
      const res = await server.gql('mutation { createPartnerKey(name: "越权") { key } }', {}, { role });
      expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
