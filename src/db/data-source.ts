import path from 'node:path';
import { DataSource, type DataSourceOptions, type EntitySchema, type Logger as OrmLogger } from 'typeorm';
import { SnakeNamingStrategy } from './naming';
import { checkLibraryVersions } from '../common/library-internals';
import { bindIntegersAsParameters } from './sqlite-bind';
import { keepDatabaseFilePrivate } from './sqlite-file';
import { useMillisecondTimestamps } from './timestamps';
import { mysqlMigrations } from '../../migrations/mysql';
import { sqliteMigrations } from '../../migrations/sqlite';

export interface DbOptions {
  /**
   * Every entity the API maps (server/entities.ts), handed in by whoever composes the app:
   * db is below the features that own the entities.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: readonly (Function | EntitySchema)[];
  databaseUrl?: string;
  dataDir: string;
  /** Overrides the SQLite file (tests use ':memory:' or a temp file). */
  sqlitePath?: string;
  logger?: OrmLogger;
  /** MariaDB and MySQL report column metadata differently; TypeORM must know which it talks to. */
  flavor?: 'mysql' | 'mariadb';
}

/** MySQL/MariaDB when a URL is given, else the embedded SQLite file in DATA_DIR. Never synchronize. */
export function createDataSource(opts: DbOptions): DataSource {
  // Before any patch below is applied: they were checked against these versions.
  checkLibraryVersions();
  const common = {
    entities: [...opts.entities],
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logger: opts.logger,
    logging: opts.logger ? (['query', 'error'] as ('query' | 'error')[]) : false,
  };
  if (opts.databaseUrl) {
    const options: DataSourceOptions = {
      ...common,
      type: opts.flavor ?? 'mysql',
      url: opts.databaseUrl,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: false,
      supportBigNumbers: true,
      bigNumberStrings: false,
      extra: { connectionLimit: 20 },
      // For one query only: record-change.ts numbers and stores change events in one round
      // trip, so the sequence lock is held that much shorter. Every other statement binds
      // its values, so a second statement cannot be smuggled into one.
      multipleStatements: true,
      migrations: mysqlMigrations,
      migrationsTableName: 'migrations',
    };
    const ds = new DataSource(options);
    useMillisecondTimestamps(ds);
    return ds;
  }
  const file = opts.sqlitePath ?? path.join(opts.dataDir, 'crm.sqlite');
  if (file !== ':memory:') keepDatabaseFilePrivate(file);
  const ds = new DataSource({
    ...common,
    type: 'better-sqlite3',
    database: file,
    // TypeORM's default keeps 100 prepared statements, first in first out: fewer than the
    // API's distinct hot statements, so under load they evicted each other.
    statementCacheSize: 1000,
    // WAL lets readers run beside the single writer. busy_timeout makes what TypeORM runs
    // itself (migrations, the CLIs) wait for another process's lock instead of failing; the
    // API's writes take their lock without it, waiting on timers (sqlite-transaction.ts).
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('journal_mode = WAL');
      // NORMAL is safe from corruption in WAL mode; only the last commits can be lost on power failure.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
    migrations: sqliteMigrations,
    migrationsTableName: 'migrations',
  });
  bindIntegersAsParameters(ds);
  useMillisecondTimestamps(ds);
  return ds;
}

/** Asks the server what it is, so a mysql:// URL may point at MySQL 8 or MariaDB alike. */
export async function detectFlavor(databaseUrl: string): Promise<'mysql' | 'mariadb'> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection(databaseUrl);
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return /mariadb/i.test((rows as { v: string }[])[0].v) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}

/** createDataSource, with the server flavor detected first, initialized. */
export async function openDataSource(opts: DbOptions): Promise<DataSource> {
  const flavor = opts.databaseUrl && !opts.flavor ? await detectFlavor(opts.databaseUrl) : opts.flavor;
  return createDataSource({ ...opts, flavor }).initialize();
}

export const dialectOf = (ds: DataSource): 'mysql' | 'sqlite' =>
  ds.options.type === 'mysql' || ds.options.type === 'mariadb' ? 'mysql' : 'sqlite';
