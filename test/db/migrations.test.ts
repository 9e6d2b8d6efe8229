import { ENTITIES } from '../../src/server/entities';
import { pendingSchemaSql } from '../../src/db/schema-diff';
import { createTestDatabase, describeEachDialect } from '../support/db';

describeEachDialect('migrations', (dialect) => {
  it('build exactly the schema the entities describe (no pending diff)', async () => {
    const db = await createTestDatabase(dialect);
    try {
      const { up } = await pendingSchemaSql(db.ds);
      expect(up).toEqual([]);
      const tables = ENTITIES.map((e) => db.ds.getMetadata(e).tableName);
      // One runner, released: a runner per table held a pooled connection each, and the pool ran dry at its size.
      const runner = db.ds.createQueryRunner();
      try {
        for (const table of tables) expect(await runner.hasTable(table)).toBe(true);
      } finally {
        await runner.release();
      }
    } finally {
      await db.drop();
    }
  });

  it('enforce unique archive numbers and approved credit codes in the database itself', async () => {
    const db = await createTestDatabase(dialect);
    try {
      const code = '91110000MA00000001';
      await db.ds.query(
        `INSERT INTO customer (archive_no, name, kind, credit_code, credit_code_key) VALUES ('U1', 'a', 'ENTERPRISE', '${code}', '${code}')`,
      );
      await expect(
        db.ds.query(`INSERT INTO customer (archive_no, name, kind) VALUES ('U1', 'b', 'ENTERPRISE')`),
      ).rejects.toThrow();
      await expect(
        db.ds.query(
          `INSERT INTO customer (archive_no, name, kind, credit_code, credit_code_key) VALUES ('U2', 'c', 'ENTERPRISE', '${code}', '${code}')`,
        ),
      ).rejects.toThrow();
      // A draft may carry a code already on file until a manager decides (no key yet).
      await db.ds.query(
        `INSERT INTO customer (archive_no, name, kind, credit_code) VALUES ('U5', 'f', 'ENTERPRISE', '${code}')`,
      );
      // Many archives may lack a credit code (individuals): NULLs do not collide.
      await db.ds.query(`INSERT INTO customer (archive_no, name, kind) VALUES ('U3', 'd', 'INDIVIDUAL')`);
      await db.ds.query(`INSERT INTO customer (archive_no, name, kind) VALUES ('U4', 'e', 'INDIVIDUAL')`);
    } finally {
      await db.drop();
    }
  });
});
