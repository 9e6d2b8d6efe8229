/**
 * storedEntities (src/db/stored-rows.ts): an import's new rows as a read of them answers,
 * worked out from what insertRows wrote and the ids its INSERTs answered with, so that the
 * change events' snapshots need no read. Held here to real reads on both databases, over
 * rows of several shapes (several statements, so ids from several answers) and the value
 * forms a file gives: money with leading zeros or none, a percentage as a number, days,
 * milliseconds, emoji, trailing blanks, and columns left to their defaults.
 */
import v8 from 'node:v8';
import { Customer } from '../../src/customers/customer.entity';
import { ArchiveStatus } from '../../src/customers/customer.enums';
import { insertRows } from '../../src/db/insert-rows';
import { storedEntities } from '../../src/db/stored-rows';
import { entitiesOf } from '../../src/common/rows';
import { RoleName } from '../../src/auth/roles';
import { User } from '../../src/users/user.entity';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';

// V8's own answer to whether an object keeps fast properties (not a hash table).
v8.setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

const at = new Date('2026-03-04T05:06:07.089Z');
const MONEY = ['007.5', '0', '0.00', '9999999999999.99', '1234', '15', undefined, null];
const DAYS = ['2010-03-05', '1999-12-31', undefined, null];
const TEXTS = ['杭州', '客户😀', 'trailing  ', '', undefined, null];

/** A user the rows name as owner: a relation's key column, whose metadata type is Number. */
let owner: number | null = null;

function row(i: number): Record<string, unknown> {
  const pick = <T>(list: T[], k: number) => list[(i * k) % list.length];
  const values: Record<string, unknown> = {
    name: `存储客户${i}有限公司`,
    archiveNo: `SR-${String(i).padStart(6, '0')}`,
    kind: 'ENTERPRISE',
    status: ArchiveStatus.PENDING_APPROVAL,
    createdAt: at,
    updatedAt: at,
    registeredCapital: pick(MONEY, 1),
    creditLimit: pick(['0.5', '100', undefined], 5),
    marketShare: pick([12.5, 0, 99.99, undefined, null], 3),
    foundedOn: pick(DAYS, 7),
    city: pick(TEXTS, 11),
    employeeCount: pick([0, 120, undefined, null], 13),
    ownerId: pick([owner, undefined, null], 17),
  };
  for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
  return values;
}

describeEachDialect('rows just inserted, as a read answers them (storedEntities)', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    owner = (
      await db.ds
        .getRepository(User)
        .save({ name: '业务员', department: '销售一部', role: RoleName.SALES_REP, active: true })
    ).id;
  });
  afterAll(() => db.drop());

  it('equals a read of every row, column for column and in JSON, ids included', async () => {
    // Half of the rows name their values in the opposite order: the entity's order is the columns'.
    const rows = Array.from({ length: 300 }, (_, i) =>
      i % 2 ? row(i) : Object.fromEntries(Object.entries(row(i)).reverse()),
    );
    const shapes = new Set(rows.map((r) => Object.keys(r).join(',')));
    expect(shapes.size).toBeGreaterThan(10);
    await db.ds.transaction(async (em) => {
      const ids = await insertRows(em, Customer, rows, { ids: true });
      expect(ids).toHaveLength(rows.length);
      const worked = storedEntities(em, Customer, rows, ids!);
      expect(worked).not.toBeNull();
      const read = await entitiesOf(
        em.getRepository(Customer).createQueryBuilder('c').where('c.id IN (:...ids)', { ids }),
      );
      const byId = new Map(read.map((c) => [c.id, c]));
      for (const [i, entity] of worked!.entries()) {
        const stored = byId.get(ids![i])!;
        expect(stored.archiveNo).toBe(rows[i].archiveNo);
        expect(JSON.stringify(entity)).toBe(JSON.stringify(stored));
        expect(entity).toEqual(stored);
        expect(entity).toBeInstanceOf(Customer);
        // 87 properties: filled one by one from their names they would make a hash table, slow to write as JSON.
        expect(hasFastProperties(entity)).toBe(true);
      }
      const one = await em.getRepository(Customer).findOneByOrFail({ id: ids![7] });
      expect(JSON.stringify(worked![7])).toBe(JSON.stringify(one));
    });
  });

  it('answers null for a value whose stored form it does not know, so the caller reads', async () => {
    await db.ds.transaction(async (em) => {
      const rows = [{ ...row(1000), marketShare: 12.345 }];
      const ids = await insertRows(em, Customer, rows, { ids: true });
      expect(storedEntities(em, Customer, rows, ids!)).toBeNull();
      // Left to the database's clock: unknown here.
      const { createdAt: _c, updatedAt: _u, ...unstamped } = row(1001);
      const more = [unstamped];
      expect(storedEntities(em, Customer, more, (await insertRows(em, Customer, more, { ids: true }))!)).toBeNull();
    });
  });
});

describe('ids of a multi-row INSERT on MariaDB', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('mysql');
  });
  afterAll(() => db.drop());

  it('are not taken from the answer when the step between ids is not 1', async () => {
    await db.ds.transaction(async (em) => {
      await em.query('SET SESSION auto_increment_increment = 2');
      expect(await insertRows(em, Customer, [row(1), row(2)], { ids: true })).toBeNull();
      await em.query('SET SESSION auto_increment_increment = 1');
    });
  });
});
