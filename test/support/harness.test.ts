import fs from 'node:fs';
import { createTestDatabase, describeEachDialect, withMysqlAdmin } from './db';
import { CountingLogger } from './query-counter';
import { expectNoErrors, errorCodes, startTestServer } from './server';

describe('test databases', () => {
  it('creates, queries and drops a MySQL/MariaDB database', async () => {
    const db = await createTestDatabase('mysql');
    const name = new URL(db.databaseUrl!).pathname.slice(1);
    const listed = async () =>
      withMysqlAdmin(async (c) => {
        const [rows] = await c.query(
          'SELECT SCHEMA_NAME AS name, DEFAULT_COLLATION_NAME AS coll FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
          [name],
        );
        return rows as { name: string; coll: string }[];
      });
    try {
      const [row] = await db.ds.query('SELECT VERSION() AS version');
      expect(row.version).toMatch(/^\d+\.\d+/);
      expect(await listed()).toEqual([{ name, coll: 'utf8mb4_unicode_ci' }]);
    } finally {
      await db.drop();
    }
    expect(db.ds.isInitialized).toBe(false);
    expect(await listed()).toEqual([]);
  });

  it('creates, queries and drops a SQLite database', async () => {
    const db = await createTestDatabase('sqlite');
    try {
      const [row] = await db.ds.query('SELECT sqlite_version() AS version');
      expect(row.version).toMatch(/^3\.\d+/);
      expect(fs.existsSync(db.sqlitePath!)).toBe(true);
    } finally {
      await db.drop();
    }
    expect(db.ds.isInitialized).toBe(false);
    expect(fs.existsSync(db.sqlitePath!)).toBe(false);
  });

  it('counts statements with CountingLogger', async () => {
    const counter = new CountingLogger();
    const db = await createTestDatabase('sqlite', { logger: counter });
    try {
      counter.reset();
      await db.ds.transaction(async (m) => {
        await m.query('SELECT 1');
        await m.query('SELECT 2');
      });
      expect(counter.count).toBe(2);
      expect(counter.all.length).toBeGreaterThan(2);
    } finally {
      await db.drop();
    }
  });
});

describeEachDialect('test server', (dialect) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers /healthz and /readyz', async () => {
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('refuses GraphQL without a token with UNAUTHENTICATED', async () => {
    const { body } = await server.gql('{ __typename }');
    expect(body.data ?? null).toBeNull();
    expect(errorCodes(body)).toEqual(['UNAUTHENTICATED']);
  });

  it('accepts a signed test token', async () => {
    const { status, body } = await server.gql<{ __typename: string }>('{ __typename }', undefined, { role: 'analyst' });
    expect(status).toBe(200);
    expect(expectNoErrors(body).__typename).toBe('Query');
  });
});
