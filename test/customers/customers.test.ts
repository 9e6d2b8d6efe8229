import { Customer } from '../../src/customers/customer.entity';
import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import {
  CreateCustomerDocument,
  CustomerDocument,
  CustomersDocument,
  NodeDocument,
  UpdateCustomerDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

describeEachDialect('customers', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const manager = { role: 'sales_manager' as const };

  it('creates an archive with a generated number, readable by id and by node(id)', async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const input = {
      name: '杭州华信电子科技有限公司',
      kind: 'ENTERPRISE' as const,
      region: 'EAST' as const,
      email: 'info@huaxin.example.com',
      phone: '0571-88886666',
      creditCode: '91330100MA27XYW12A',
    };
    const res = await send(server, CreateCustomerDocument, { input }, { role: 'sales_rep', userId: rep.id });
    // The rep may create the archive but not read its credit fields: null with FORBIDDEN at each path.
    const created = res.body.data!.createCustomer;
    expect(new Set(res.body.errors?.map((e) => `${e.path?.join('.')}:${e.extensions?.code}`))).toEqual(
      new Set(['createCustomer.creditLimit:FORBIDDEN']),
    );
    expect(created.creditLimit).toBeNull();
    expect(created.archiveNo).toMatch(new RegExp(`^HD${new Date().getUTCFullYear()}\\d{6}$`));
    expect(created.status).toBe('PENDING_APPROVAL');
    expect(created.owner?.id).toBe(gid('User', rep.id));
    expect(created.tradeTotal).toBe('0.00');

    const byId = expectNoErrors((await send(server, CustomerDocument, { id: created.id }, manager)).body).customer;
    expect(byId).toMatchObject({
      id: created.id,
      name: '杭州华信电子科技有限公司',
      archiveNo: created.archiveNo,
      creditLimit: '0.00',
    });
    const byNode = expectNoErrors((await send(server, NodeDocument, { id: created.id }, manager)).body).node;
    expect(byNode).toMatchObject({ __typename: 'Customer', id: created.id, archiveNo: created.archiveNo });
  });

  it('leaves credit settings to finance and management', async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const refused = await send(
      server,
      CreateCustomerDocument,
      { input: { name: '授信公司', kind: 'ENTERPRISE', creditLimit: '500000' } },
      { role: 'sales_rep', userId: rep.id },
    );
    expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.body.errors?.[0].message).toContain('creditLimit');
    // Issue 15: finance lowers a limit here; a higher one is a request a general manager approves (test/credit/limits.test.ts).
    const c = await makeCustomer(server.ds, { creditLimit: '600000.00' });
    const set = await send(
      server,
      UpdateCustomerDocument,
      { input: { id: gid('Customer', c.id), version: c.version, creditLimit: '500000' } },
      { role: 'finance' },
    );
    expect(expectNoErrors(set.body).updateCustomer.creditLimit).toBe('500000.00');
  });

  it('refuses bad input with BAD_USER_INPUT naming each field, and writes nothing', async () => {
    const before = await server.ds.getRepository(Customer).count();
    const { body } = await send(
      server,
      CreateCustomerDocument,
      {
        input: {
          name: '坏数据公司',
          kind: 'ENTERPRISE',
          email: 'not-an-email',
          postcode: '12345',
          phone: 'call me',
          creditCode: 'XYZ',
        },
      },
      manager,
    );
    expect(body.data).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (body.errors?.[0].extensions?.fields as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['creditCode', 'email', 'phone', 'postcode']);
    expect(await server.ds.getRepository(Customer).count()).toBe(before);
  });

  it('refuses a negative credit limit and a malformed Decimal', async () => {
    const negative = await send(
      server,
      CreateCustomerDocument,
      { input: { name: '负数公司', kind: 'ENTERPRISE', creditLimit: '-1' } },
      manager,
    );
    expect(negative.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(negative.body.errors?.[0].message).toContain('creditLimit');
    const malformed = await send(
      server,
      CreateCustomerDocument,
      { input: { name: '格式公司', kind: 'ENTERPRISE', creditLimit: '12.345' } },
      manager,
    );
    expect(malformed.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.body.errors?.[0].message).toContain('Decimal');
  });

  it('keeps one archive per unified social credit code (CONFLICT)', async () => {
    const input = { name: '重复信用代码公司', kind: 'ENTERPRISE' as const, creditCode: '91110000MA00000019' };
    expectNoErrors((await send(server, CreateCustomerDocument, { input }, manager)).body);
    const again = await send(server, CreateCustomerDocument, { input: { ...input, name: '另一家' } }, manager);
    expect(again.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(again.body.errors?.[0].message).toContain('creditCode');
    expect(JSON.stringify(again.body)).not.toMatch(/Duplicate entry|UNIQUE constraint|SQL/i);
  });

  it('updates with the version it read and refuses a stale version with CONFLICT', async () => {
    const c = await makeCustomer(server.ds);
    const id = gid('Customer', c.id);
    // An approved archive's name changes by renameCustomer only (更名): the email stands in here.
    const first = expectNoErrors(
      (
        await send(
          server,
          UpdateCustomerDocument,
          { input: { id, version: c.version, email: 'first@example.com' } },
          manager,
        )
      ).body,
    ).updateCustomer;
    expect(first).toMatchObject({ email: 'first@example.com', version: c.version + 1 });
    const stale = await send(
      server,
      UpdateCustomerDocument,
      { input: { id, version: c.version, email: 'stale@example.com' } },
      manager,
    );
    expect(stale.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const now = await server.ds.getRepository(Customer).findOneByOrFail({ id: c.id });
    expect(now.email).toBe('first@example.com');
  });

  it('answers an unknown id with null and an update of one with NOT_FOUND', async () => {
    const missing = gid('Customer', 99_999_999);
    expect(expectNoErrors((await send(server, CustomerDocument, { id: missing }, manager)).body).customer).toBeNull();
    expect(expectNoErrors((await send(server, NodeDocument, { id: 'garbage' }, manager)).body).node).toBeNull();
    const upd = await send(server, UpdateCustomerDocument, { input: { id: missing, version: 1, name: 'x' } }, manager);
    expect(upd.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('pages forward and backward through a filtered list without gaps or repeats', async () => {
    const region = 'NORTHWEST' as const;
    const made = [];
    for (let i = 0; i < 7; i++)
      made.push(
        await makeCustomer(server.ds, { region: region as never, name: `分页客户${String(i).padStart(2, '0')}` }),
      );
    const filter = { region: [region], search: '分页客户' };
    const orderBy = { field: 'NAME' as const, direction: 'ASC' as const };
    const names: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = expectNoErrors(
        (await send(server, CustomersDocument, { first: 3, after, filter, orderBy }, manager)).body,
      ).customers;
      expect(page.totalCount).toBe(7);
      names.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(names).toEqual(made.map((c) => c.name));

    const lastPage = expectNoErrors(
      (await send(server, CustomersDocument, { last: 3, filter, orderBy }, manager)).body,
    ).customers;
    expect(lastPage.edges.map((e) => e.node.name)).toEqual(names.slice(4));
    expect(lastPage.pageInfo.hasPreviousPage).toBe(true);
    const before = expectNoErrors(
      (
        await send(
          server,
          CustomersDocument,
          { last: 3, before: lastPage.pageInfo.startCursor, filter, orderBy },
          manager,
        )
      ).body,
    ).customers;
    expect(before.edges.map((e) => e.node.name)).toEqual(names.slice(1, 4));
  });

  it('caps page size at 100 and rejects cursors it did not make', async () => {
    const big = await send(server, CustomersDocument, { first: 101 }, manager);
    expect(big.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.body.errors?.[0].message).toContain('first');
    const forged = await send(server, CustomersDocument, { first: 5, after: 'bm90LWEtY3Vyc29y' }, manager);
    expect(forged.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(forged.body.errors?.[0].message).toContain('after');
  });

  it('hides A-class archives from a role that may not see them, in lists, lookups and node(id)', async () => {
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A, name: '绝密A类客户' });
    const id = gid('Customer', secret.id);
    const analyst = { role: 'analyst' as const };
    expect(expectNoErrors((await send(server, CustomerDocument, { id }, analyst)).body).customer).toBeNull();
    expect(expectNoErrors((await send(server, NodeDocument, { id }, analyst)).body).node).toBeNull();
    const listed = expectNoErrors(
      (await send(server, CustomersDocument, { first: 100, filter: { search: '绝密A类' } }, analyst)).body,
    ).customers;
    expect(listed.totalCount).toBe(0);
    expect(expectNoErrors((await send(server, CustomerDocument, { id }, manager)).body).customer?.name).toBe(
      '绝密A类客户',
    );
  });

  it('lets only writing roles create archives', async () => {
    const { body } = await send(
      server,
      CreateCustomerDocument,
      { input: { name: '分析师建档', kind: 'ENTERPRISE' } },
      { role: 'analyst' },
    );
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
