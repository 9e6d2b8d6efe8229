/**
 * Hot reads have their SQL text built once per shape (src/db/reuse-sql.ts): each call must
 * still bind its own values, and viewers whose scope condition reads differently must never
 * share a text.
 */
import { SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../../src/auth/jwt';
import { type Role } from '../../src/auth/roles';
import { AbcClass } from '../../src/customers/customer.enums';
import { Customer } from '../../src/customers/customer.entity';
import { CustomerService } from '../../src/customers/customer.service';
import { reuseSql } from '../../src/db/reuse-sql';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';
import { makeCustomer } from '../support/factories';

const viewer = (role: Role, userId: number): Viewer => ({ userId, subject: String(userId), roles: [role] });

describeEachDialect('reused SQL texts', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
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
