import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import { ReadAudit } from '../../src/audit/read-audit.entity';
import { AccessGrant, GrantStatus } from '../../src/grants/access-grant.entity';
import { describeEachDialect } from '../support/db';
import { CountingLogger } from '../support/query-counter';
import { gid, makeCustomer, makeUser } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

describeEachDialect('read audit (查阅登记) and what hidden archives reveal', (dialect) => {
  let server: TestServer;
  const sql = new CountingLogger();
  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: sql });
  });
  afterAll(() => server.stop());
  const audits = (customerId: number) =>
    server.ds.getRepository(ReadAudit).find({ where: { customerId }, order: { id: 'ASC' } });

  it('records every read of an A-class archive and of credit fields, once per archive and kind per request', async () => {
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const b = await makeCustomer(server.ds, { abcClass: AbcClass.B });
    // A numeric subject must name an active employee.
    const manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    const res = await server.gql(
      `{ x: customer(id: "${gid('Customer', a.id)}") { name city } y: node(id: "${gid('Customer', a.id)}") { ... on Customer { archiveNo } }
         z: customer(id: "${gid('Customer', b.id)}") { name creditLimit bankAccount } }`,
      {},
      { role: 'sales_manager', userId: manager.id, headers: { 'x-request-id': 'audit-req-1' } },
    );
    expectNoErrors(res.body);
    expect(
      (await audits(a.id)).map((r) => ({
        kind: r.kind,
        fields: r.fields,
        subject: r.subject,
        requestId: r.requestId,
        roles: r.roles,
      })),
    ).toEqual([
      {
        kind: 'A_CLASS_ARCHIVE',
        fields: 'archiveNo,city,name',
        subject: String(manager.id),
        requestId: 'audit-req-1',
        roles: 'sales_manager',
      },
    ]);
    expect((await audits(b.id)).map((r) => [r.kind, r.fields])).toEqual([['CREDIT_FIELDS', 'bankAccount,creditLimit']]);
    // Reading a B-class archive without credit fields is not a confidential read.
    const before = await server.ds.getRepository(ReadAudit).count();
    expectNoErrors(
      (await server.gql(`{ customer(id: "${gid('Customer', b.id)}") { name } }`, {}, { role: 'sales_manager' })).body,
    );
    expect(await server.ds.getRepository(ReadAudit).count()).toBe(before);
  });

  it('notes only the fields an object was read for: not skipped ones, nor those of fragments on other types', async () => {
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const res = await server.gql(
      `query($skip: Boolean!) { node(id: "${gid('Customer', a.id)}") { ... on Contact { title } ... on Customer { archiveNo city @skip(if: $skip) }
         ... on Node { id } } }`,
      { skip: true },
      { role: 'general_manager' },
    );
    expectNoErrors(res.body);
    expect((await audits(a.id)).map((r) => [r.kind, r.fields])).toEqual([['A_CLASS_ARCHIVE', 'archiveNo,id']]);
  });

  it('names the grant a borrower read under', async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    await server.ds.getRepository(AccessGrant).insert({
      userId: rep.id,
      archiveNo: a.archiveNo,
      customerId: a.id,
      reason: '季度对账需要',
      endsAt: new Date(Date.now() + 86_400_000),
      status: GrantStatus.APPROVED,
      decidedById: manager.id,
      decidedAt: new Date(),
    });
    expectNoErrors(
      (
        await server.gql(
          `{ customer(id: "${gid('Customer', a.id)}") { name } }`,
          {},
          { role: 'sales_rep', userId: rep.id },
        )
      ).body,
    );
    const [row] = await audits(a.id);
    expect(row.userId).toBe(rep.id);
    expect(row.grantId).toEqual(expect.any(Number));
  });

  it('is readable by archive_admin only, and nothing in the API can change it', async () => {
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    expectNoErrors(
      (await server.gql(`{ customer(id: "${gid('Customer', a.id)}") { name } }`, {}, { role: 'general_manager' })).body,
    );
    const q = `{ readAudits(customerId: "${gid('Customer', a.id)}", first: 10) { totalCount edges { node { archiveNo kind subject fields } } } }`;
    const admin = expectNoErrors(
      (
        await server.gql<{ readAudits: { totalCount: number; edges: { node: { archiveNo: string } }[] } }>(
          q,
          {},
          { role: 'archive_admin' },
        )
      ).body,
    );
    expect(admin.readAudits.totalCount).toBe(1);
    expect(admin.readAudits.edges[0].node.archiveNo).toBe(a.archiveNo);
    for (const role of ['sales_manager', 'general_manager', 'finance', 'analyst', 'partner'] as const) {
      const denied = await server.gql(q, {}, { role });
      expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const mutations = await server.gql(
      '{ __schema { mutationType { fields { name } } } }',
      {},
      { role: 'archive_admin' },
    );
    const names = (
      mutations.body.data as { __schema: { mutationType: { fields: { name: string }[] } } }
    ).__schema.mutationType.fields.map((f) => f.name);
    expect(names.filter((n) => /audit/i.test(n))).toEqual([]);
  });

  it("pages one archive's reads straight off an index, newest first, without sorting that archive's rows", async () => {
    // The feed stores thousands of these rows a second, so the table keeps one index only:
    // this query's. A plan that sorts would read every row of a much-read archive per page.
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    for (let i = 0; i < 3; i++)
      expectNoErrors(
        (await server.gql(`{ customer(id: "${gid('Customer', a.id)}") { name } }`, {}, { role: 'general_manager' }))
          .body,
      );
    sql.reset();
    const page = expectNoErrors(
      (
        await server.gql<{ readAudits: { edges: { node: { id: string } }[] } }>(
          `{ readAudits(customerId: "${gid('Customer', a.id)}", first: 2) { edges { node { id } } } }`,
          {},
          { role: 'archive_admin' },
        )
      ).body,
    );
    expect(page.readAudits.edges).toHaveLength(2);
    const at = sql.queries.findIndex((q) => /FROM [`"]read_audit[`"]/.test(q) && /ORDER BY/.test(q));
    expect(at).toBeGreaterThanOrEqual(0);
    const params = sql.parameters[at];
    if (dialect === 'sqlite') {
      const plan = ((await server.ds.query(`EXPLAIN QUERY PLAN ${sql.queries[at]}`, params)) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
      expect(plan).toMatch(/USING (COVERING )?INDEX \S+ \(customer_id=\?/);
      expect(plan).not.toMatch(/TEMP B-TREE/);
    } else {
      const [row] = (await server.ds.query(`EXPLAIN ${sql.queries[at]}`, params)) as {
        key: string | null;
        Extra: string | null;
      }[];
      const [{ Key_name: index }] = (await server.ds.query(
        "SHOW INDEX FROM read_audit WHERE Column_name = 'customer_id'",
      )) as { Key_name: string }[];
      expect(row.key).toBe(index);
      expect(row.Extra ?? '').not.toMatch(/filesort/i);
    }
  });

  it('answers for a hidden archive byte for byte as for a missing one', async () => {
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const hidden = gid('Customer', a.id);
    const missing = gid('Customer', 987_654_321);
    const employee = await makeUser(server.ds);
    const strip = (body: unknown) => JSON.stringify(body).replace(/"requestId":"[^"]+"/g, '');
    for (const [doc, vars] of [
      ['query ($id: ID!) { customer(id: $id) { name } }', (id: string) => ({ id })],
      ['query ($id: ID!) { node(id: $id) { id } }', (id: string) => ({ id })],
      [
        'mutation ($id: ID!) { updateCustomer(input: { id: $id, version: 1, name: "x" }) { id } }',
        (id: string) => ({ id }),
      ],
      [
        'mutation ($id: ID!) { createTrade(input: { customerId: $id, kind: ORDER, amount: "1", paymentMethod: CASH }) { id } }',
        (id: string) => ({ id }),
      ],
      [
        'query ($id: ID!) { trades(filter: { customerId: $id }) { totalCount } contacts(filter: { customerId: $id }) { totalCount } }',
        (id: string) => ({ id }),
      ],
    ] as const) {
      for (const role of ['analyst', 'sales_rep', 'customer_service'] as const) {
        const h = await server.gql(doc, vars(hidden), { role, userId: employee.id });
        const m = await server.gql(doc, vars(missing), { role, userId: employee.id });
        expect(strip(h.body)).toBe(strip(m.body));
        expect(h.status).toBe(m.status);
      }
    }
  });
});
