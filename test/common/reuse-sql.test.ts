/**
 * Hot reads have their SQL text built once per shape (src/common/reuse-sql.ts): each call must
 * still bind its own values, and viewers whose scope condition reads differently must never
 * share a text.
 */
import { SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../../src/auth/jwt';
import { type Role } from '../../src/auth/roles';
import { AbcClass } from '../../src/customers/customer.enums';
import { Customer } from '../../src/customers/customer.entity';
import { CustomerService } from '../../src/customers/customer.service';
import { reuseSql } from '../../src/common/reuse-sql';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';
import { makeContact, makeCustomer, makeUser } from '../support/factories';
import { ScopedRows } from '../../src/auth/scoped-rows';
import { scopeCustomers } from '../../src/auth/row-scope';
import { Loaders } from '../../src/common/loaders';
import { useIdSecret } from '../../src/common/global-id';
import { TEST_ID_SECRET } from '../support/server';
import { Contact } from '../../src/contacts/contact.entity';

const viewer = (role: Role, userId: number): Viewer => ({ userId, subject: String(userId), roles: [role] });

describeEachDialect('reused SQL texts', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    useIdSecret(TEST_ID_SECRET);
    db = await createTestDatabase(dialect);
  });
  afterAll(() => db.drop());
  afterEach(() => jest.restoreAllMocks());

  it('builds a shape once, and binds each call its own ids in key order', async () => {
    const [a, b] = [
      await makeCustomer(db.ds, { name: '复用文本甲' }),
      await makeCustomer(db.ds, { name: '复用文本乙' }),
    ];
    const customers = new CustomerService(db.ds);
    const gm = viewer('general_manager', 9001);
    await customers.byIds(gm, [a.id]);
    const builds = jest.spyOn(SelectQueryBuilder.prototype, 'getQuery');
    const names = async (ids: number[]) => (await customers.byIds(gm, ids)).map((c) => c?.name ?? null);
    expect(await names([b.id])).toEqual(['复用文本乙']);
    expect(await names([b.id, 987_654_321, a.id])).toEqual(['复用文本乙', null, '复用文本甲']);
    expect(builds).not.toHaveBeenCalled();
  });

  it('gives each scope variant its own text: a rep never gets the text that admits A-class archives', async () => {
    const secret = await makeCustomer(db.ds, { name: '复用文本A类', abcClass: AbcClass.A });
    const customers = new CustomerService(db.ds);
    expect((await customers.byIds(viewer('general_manager', 9002), [secret.id]))[0]?.name).toBe('复用文本A类');
    expect(await customers.byIds(viewer('sales_rep', 9003), [secret.id])).toEqual([null]);
    expect((await customers.byIds(viewer('general_manager', 9002), [secret.id]))[0]?.name).toBe('复用文本A类');
  });

  it("builds a first page of children once per shape; each request's parents, scope and cursor still count", async () => {
    const [a, b] = [await makeCustomer(db.ds), await makeCustomer(db.ds)];
    for (const [c, names] of [
      [a, ['甲一', '甲二', '甲三']],
      [b, ['乙一', '乙二']],
    ] as const)
      for (const name of names) await makeContact(db.ds, c.id, { name });
    const rows = new ScopedRows(db.ds.getRepository(Contact), 'Contact', 'k');
    const sort = { key: { property: 'id', kind: 'number' as const }, direction: 'ASC' as const };
    const page = (ids: number[], args: { first: number; after?: string }) => {
      const caller = { viewer: viewer('general_manager', 9004), loaders: new Loaders() };
      return Promise.all(ids.map((id) => rows.pageOf(caller, 'customerId', id, args, sort, ['name'])));
    };
    const names = (p: { edges: { node: Contact }[] }) => p.edges.map((e) => e.node.name);
    await page([a.id], { first: 2 });
    const builds = jest.spyOn(SelectQueryBuilder.prototype, 'getQuery');
    const [pa, pb] = await page([a.id, b.id], { first: 2 });
    expect([names(pa), names(pb)]).toEqual([
      ['甲一', '甲二'],
      ['乙一', '乙二'],
    ]);
    expect([pa.pageInfo.hasNextPage, pb.pageInfo.hasNextPage]).toEqual([true, false]);
    expect(builds).not.toHaveBeenCalled();
    // After a cursor the text names that cursor's parameters: built, and right.
    const [next] = await page([a.id], { first: 2, after: pa.pageInfo.endCursor! });
    expect(names(next)).toEqual(['甲三']);
    expect(builds).toHaveBeenCalled();
  });

  it('gives each scope variant its own text for pages of children too', async () => {
    const owner = (await makeUser(db.ds)).id;
    const secret = await makeCustomer(db.ds, { abcClass: AbcClass.A, ownerId: owner });
    const plain = await makeCustomer(db.ds, { ownerId: owner });
    const rows = new ScopedRows(db.ds.getRepository(Customer), 'Customer', 'c', scopeCustomers);
    const sort = { key: { property: 'id', kind: 'number' as const }, direction: 'ASC' as const };
    const page = async (role: Role) => {
      const caller = { viewer: viewer(role, owner), loaders: new Loaders() };
      return (await rows.pageOf(caller, 'ownerId', owner, { first: 50 }, sort, ['name'])).edges.map((e) => e.node.id);
    };
    expect(await page('general_manager')).toEqual([secret.id, plain.id]);
    expect(await page('sales_rep')).toEqual([plain.id]);
    expect(await page('general_manager')).toEqual([secret.id, plain.id]);
  });

  it('refuses a where object, whose text depends on its values', async () => {
    const c = await makeCustomer(db.ds);
    const qb = db.ds.getRepository(Customer).createQueryBuilder('c').where({ id: c.id });
    expect(() => reuseSql(qb, 'test:where-object')).toThrow(
      /reuseSql\(test:where-object\): a where object's text depends on its values/,
    );
    // The same condition as SQL with a named parameter is fine.
    const ok = reuseSql(
      db.ds.getRepository(Customer).createQueryBuilder('c').where('c.id = :id', { id: c.id }),
      'test:named',
    );
    expect((await ok.getMany()).map((row) => row.id)).toEqual([c.id]);
  });
});
