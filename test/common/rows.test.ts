import { AbcClass } from '../../src/customers/customer.enums';
import { Contact } from '../../src/contacts/contact.entity';
import { Customer } from '../../src/customers/customer.entity';
import { entitiesOf, selectOnly } from '../../src/common/rows';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';
import { makeContact, makeCustomer } from '../support/factories';

describeEachDialect('rows to entities without getMany (db/rows.ts)', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    const a = await makeCustomer(db.ds, {
      abcClass: AbcClass.A,
      creditLimit: '120000.50',
      foundedOn: '2001-02-03',
      firstTradeAt: new Date('2025-01-02T03:04:05.678Z'),
    });
    await makeContact(db.ds, a.id, { isPrimary: true, birthday: '1980-05-06' });
    const b = await makeCustomer(db.ds, { abcClass: AbcClass.C });
    await makeContact(db.ds, b.id);
  });
  afterAll(() => db.drop());

  it('gives the same entities as getMany: every column, money, dates, booleans and the A-class archive column', async () => {
    for (const target of [Customer, Contact]) {
      const qb = () => db.ds.getRepository<object>(target).createQueryBuilder('x').orderBy('x.id');
      const light = await entitiesOf(qb());
      expect(light).toEqual(await qb().getMany());
      expect(light.every((row) => row instanceof target)).toBe(true);
    }
  });

  it('reads only the columns a narrowed builder names, and every column when one is not a column', async () => {
    const narrowed = await entitiesOf(
      selectOnly(db.ds.getRepository(Contact).createQueryBuilder('k'), [
        'id',
        'name',
        'customerId',
        'classAArchiveNo',
      ]).orderBy('k.id'),
    );
    expect(narrowed.map((k) => Object.keys(k).sort())).toEqual([
      ['classAArchiveNo', 'customerId', 'id', 'name'],
      ['classAArchiveNo', 'customerId', 'id', 'name'],
    ]);
    expect(narrowed.map((k) => k.classAArchiveNo === null)).toEqual([false, true]);
    const widened = await entitiesOf(
      selectOnly(db.ds.getRepository(Contact).createQueryBuilder('k'), ['id', 'nextBirthday']).orderBy('k.id'),
    );
    expect(widened).toEqual(await db.ds.getRepository(Contact).createQueryBuilder('k').orderBy('k.id').getMany());
  });
});
