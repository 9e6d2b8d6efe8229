import { sqliteMigrations } from '../../migrations/sqlite';
import { MillisecondTimestamps1796389700000 } from '../../migrations/sqlite/1796389700000-MillisecondTimestamps';
import { createTestDatabase } from '../support/db';

/**
 * SQLite only: MySQL's DATETIME(3) columns always held milliseconds. A database written
 * before MillisecondTimestamps holds whole-second texts from datetime('now'); after it,
 * every time has the one form 'YYYY-MM-DD HH:MM:SS.SSS' and new rows get it by default.
 */
describe('MillisecondTimestamps migration [sqlite]', () => {
  it('rewrites stored times to milliseconds and makes the defaults write them', async () => {
    const db = await createTestDatabase('sqlite', { migrate: false });
    try {
      const runner = db.ds.createQueryRunner();
      const latest = sqliteMigrations.indexOf(MillisecondTimestamps1796389700000);
      // The database as it stood just before this migration (later ones add columns and tables of their own).
      expect(latest).toBeGreaterThan(0);
      for (const M of sqliteMigrations.slice(0, latest))
        await new (M as new () => { up(r: typeof runner): Promise<void> })().up(runner);

      await db.ds.query(`INSERT INTO user (name, department, role) VALUES ('王五', '销售一部', 'sales_rep')`);
      await db.ds.query(
        `INSERT INTO customer (archive_no, name, kind, owner_id, first_trade_at) VALUES ('M1', '老客户', 'ENTERPRISE', 1, '2024-05-01 08:00:00'), ('M2', '新客户', 'ENTERPRISE', 1, '2024-05-01T08:00:00.250Z')`,
      );
      await db.ds.query(
        `INSERT INTO trade (trade_no, customer_id, kind, occurred_at) VALUES ('T1', 1, 'ORDER', '2024-05-01 08:00:00')`,
      );
      const [before] = await db.ds.query(`SELECT created_at FROM customer WHERE id = 1`);
      expect(before.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

      await db.ds.query('PRAGMA foreign_keys = OFF'); // as TypeORM runs migrations: tables are rebuilt
      await new MillisecondTimestamps1796389700000().up(runner);
      await db.ds.query('PRAGMA foreign_keys = ON');

      const rows = await db.ds.query(`SELECT created_at, updated_at, first_trade_at FROM customer ORDER BY id`);
      expect(rows[0].created_at).toBe(`${before.created_at}.000`);
      expect(rows.map((r: { first_trade_at: string }) => r.first_trade_at)).toEqual([
        '2024-05-01 08:00:00.000',
        '2024-05-01 08:00:00.250',
      ]);
      expect((await db.ds.query(`SELECT occurred_at FROM trade`))[0].occurred_at).toBe('2024-05-01 08:00:00.000');
      await db.ds.query(`INSERT INTO customer (archive_no, name, kind) VALUES ('M3', '后来的客户', 'ENTERPRISE')`);
      const [fresh] = await db.ds.query(`SELECT created_at, updated_at FROM customer WHERE archive_no = 'M3'`);
      expect(fresh.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
      expect(fresh.updated_at).toBe(fresh.created_at);
      expect(await db.ds.query(`PRAGMA foreign_key_check`)).toEqual([]);
      await runner.release();
    } finally {
      await db.drop();
    }
  });
});
