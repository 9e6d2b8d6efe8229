import { ENTITIES } from '../../src/db/entities';
import { pendingSchemaSql } from '../../src/db/schema-diff';
import { createTestDatabase, describeEachDialect } from '../support/db';

describeEachDialect('migrations', (dialect) => {
  it('build exactly the schema the entities describe (no pending diff)', async () => {
    const db = await createTestDatabase(dialect);
    try {
      const { up } = await pendingSchemaSql(db.ds);
      expect(up).toEqual([]);
      const tables = ENTITIES.map((e) => db.ds.getMetadata(e).tableName);
      for (const table of tables) expect(await db.ds.createQueryRunner().hasTable(table)).toBe(true);
    } finally {
      await db.drop();
    }
  });

  it('enforce unique archive numbers and credit codes in the database itself', async () => {
    const db = await createTestDatabase(dialect);
    try {
      await db.ds.query(`INSERT INTO customer (archive_no, name, kind, credit_code) VALUES ('U1', 'a', 'ENTERPRISE', '91110000MA00000001')`);
      await expect(db.ds.query(`INSERT INTO customer (archive_no, name, kind) VALUES ('U1', 'b', 'ENTERPRISE')`)).rejects.toThrow();
      await expect(db.ds.query(`INSERT INTO customer (archive_no, name, kind, credit_code) VALUES ('U2', 'c', 'ENTERPRISE', '91110000MA00000001')`)).rejects.toThrow();
      // Many archives may lack a credit code (individuals): NULLs do not collide.
      await db.ds.query(`INSERT INTO customer (archive_no, name, kind) VALUES ('U3', 'd', 'INDIVIDUAL')`);
      await db.ds.query(`INSERT INTO customer (archive_no, name, kind) VALUES ('U4', 'e', 'INDIVIDUAL')`);
    } finally {
      await db.drop();
    }
  });
});
