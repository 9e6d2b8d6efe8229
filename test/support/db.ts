/**
 * One fresh, migrated database per caller, on either dialect:
 * - mysql: a `t_<random>` database (utf8mb4_unicode_ci) on the server in TEST_MYSQL_URL
 *   (set by global-setup.ts, or by you: a server URL, the path is ignored);
 * - sqlite: a file in a fresh temp directory.
 * drop() destroys the DataSource and removes the database or the file.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import type { DataSource, Logger } from 'typeorm';
import { createDataSource, detectFlavor } from '../../src/db/data-source';
import { ENTITIES } from '../../src/server/entities';

export type Dialect = 'mysql' | 'sqlite';
export const DIALECTS: Dialect[] = ['mysql', 'sqlite'];

export interface TestDatabase {
  dialect: Dialect;
  ds: DataSource;
  /** mysql: the URL of the created database (DATABASE_URL shape). */
  databaseUrl?: string;
  /** sqlite: the database file. */
  sqlitePath?: string;
  /** Temp directory usable as DATA_DIR; removed by drop(). */
  dataDir: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  logger?: Logger;
  /** Apply the migrations of the dialect (default true). */
  migrate?: boolean;
  /**
   * mysql: a server of the test's own (test/support/mariadb.ts), e.g. one it freezes or
   * stops, instead of the suite's. drop() leaves the database to go with that server.
   */
  mysqlServer?: string;
}

/** The MySQL server of the test run (or `server`), as a URL with the given database (or none) in its path. */
export function mysqlServerUrl(database = '', server?: string): string {
  const raw = server ?? process.env.TEST_MYSQL_URL;
  if (!raw)
    throw new Error(
      'TEST_MYSQL_URL is not set: run the tests through jest (global-setup.ts starts a server) or set it to mysql://user:pass@host:3306/',
    );
  const url = new URL(raw.replace(/^mariadb:/, 'mysql:'));
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs `fn` on a short-lived admin connection to the test server, or `server` (no database selected). */
export async function withMysqlAdmin<T>(fn: (conn: mysql.Connection) => Promise<T>, server?: string): Promise<T> {
  const conn = await mysql.createConnection({ uri: mysqlServerUrl('', server), multipleStatements: false });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

const randomName = () =>
  `t_${Date.now().toString(36)}_${process.env.JEST_WORKER_ID ?? 0}_${crypto.randomBytes(4).toString('hex')}`;

export async function createTestDatabase(dialect: Dialect, opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `crm-test-${dialect}-`));
  let name: string | undefined;
  let ds: DataSource | undefined;
  let dropped: Promise<void> | undefined;

  const drop = () =>
    (dropped ??= (async () => {
      try {
        if (ds?.isInitialized) await ds.destroy();
      } finally {
        if (name && !opts.mysqlServer) await withMysqlAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    })());

  try {
    let databaseUrl: string | undefined;
    let sqlitePath: string | undefined;
    if (dialect === 'mysql') {
      name = randomName();
      await withMysqlAdmin(
        (c) => c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
        opts.mysqlServer,
      );
      databaseUrl = mysqlServerUrl(name, opts.mysqlServer);
      ds = createDataSource({
        entities: ENTITIES,
        databaseUrl,
        dataDir,
        logger: opts.logger,
        flavor: await detectFlavor(databaseUrl),
      });
    } else {
      sqlitePath = path.join(dataDir, 'crm.sqlite');
      ds = createDataSource({ entities: ENTITIES, dataDir, sqlitePath, logger: opts.logger });
    }
    await ds.initialize();
    if (opts.migrate !== false) await ds.runMigrations({ transaction: 'each' });
    return { dialect, ds, databaseUrl, sqlitePath, dataDir, drop };
  } catch (err) {
    await drop().catch(() => undefined);
    throw err;
  }
}

/**
 * A second connection to an existing MySQL test database (another "instance" of the API).
 * drop() only destroys this DataSource and its DATA_DIR: the database belongs to its creator.
 */
export async function attachTestDatabase(databaseUrl: string, opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const flavor = await detectFlavor(databaseUrl);
  return attach(
    'mysql',
    (dataDir) => createDataSource({ entities: ENTITIES, databaseUrl, dataDir, logger: opts.logger, flavor }),
    { databaseUrl },
  );
}

/** An existing SQLite file opened anew (the API restarted on it); drop() leaves the file to its creator. */
export function attachSqliteFile(sqlitePath: string, opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  return attach(
    'sqlite',
    (dataDir) => createDataSource({ entities: ENTITIES, dataDir, sqlitePath, logger: opts.logger }),
    { sqlitePath },
  );
}

async function attach(
  dialect: Dialect,
  open: (dataDir: string) => DataSource,
  where: { databaseUrl?: string; sqlitePath?: string },
): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `crm-test-${dialect}-`));
  let ds: DataSource | undefined;
  let dropped: Promise<void> | undefined;
  const drop = () =>
    (dropped ??= (async () => {
      try {
        if (ds?.isInitialized) await ds.destroy();
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    })());
  try {
    ds = open(dataDir);
    await ds.initialize();
    return { dialect, ds, ...where, dataDir, drop };
  } catch (err) {
    await drop().catch(() => undefined);
    throw err;
  }
}

/** describe.each over both dialects: `describeEachDialect('customers', (dialect) => { … })`. */
export function describeEachDialect(name: string, fn: (dialect: Dialect) => void): void {
  describe.each(DIALECTS)(`${name} [%s]`, (dialect) => fn(dialect));
}
