/**
 * The real API on a fresh test database, listening on 127.0.0.1 and a free port.
 *
 *   const server = await startTestServer('mysql');
 *   const { body } = await server.gql(`{ me { id } }`, {}, { role: 'sales_manager' });
 *   const data = expectNoErrors(body);
 *   await server.stop();
 */
import type { DataSource, Logger as OrmLogger } from 'typeorm';
import type { DestinationStream } from 'pino';
import type { GraphQLFormattedError } from 'graphql';
import { loadConfig, type Config } from '../../src/config/config';
import { signToken } from '../../src/auth/jwt';
import type { Role } from '../../src/auth/roles';
import { startApp } from '../../src/server/app';
import { createLogger } from '../../src/server/logger';
import { attachSqliteFile, attachTestDatabase, createTestDatabase, type Dialect, type TestDatabase } from './db';

export interface GqlBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  body: GqlBody<T>;
  headers: Headers;
}

export interface GqlOptions {
  /** Sign a token for this role (or roles); ignored when `token` is given. No role and no token: anonymous. */
  role?: Role | Role[];
  /** `sub` of the signed token; a numeric id makes the viewer that user. */
  userId?: number | string;
  /** A ready-made token (sent as `Authorization: Bearer <token>`). */
  token?: string;
  headers?: Record<string, string>;
  /** Aborts the request (e.g. AbortSignal.timeout: a test fails instead of hanging). */
  signal?: AbortSignal;
}

export interface TestServer {
  dialect: Dialect;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** http://127.0.0.1:<port> (for /healthz, /readyz, /metrics) */
  baseUrl: string;
  ds: DataSource;
  db: TestDatabase;
  config: Config;
  token(role: Role | Role[], userId?: number | string): Promise<string>;
  /** GET /metrics with the test METRICS_TOKEN: the Prometheus text. */
  metrics(): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: GqlOptions,
  ): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  /** TypeORM logger for the server's DataSource (e.g. a CountingLogger); reset it after start-up. */
  logger?: OrmLogger;
  /** Extra environment for loadConfig (e.g. { MAX_QUERY_DEPTH: '4' }). */
  env?: Record<string, string>;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** MySQL only: a fresh database on this server of the test's own (test/support/mariadb.ts) instead of the suite's. */
  mysqlServer?: string;
  /** MySQL only: run on this existing database (another instance's) instead of a fresh one; stop() leaves it in place. */
  databaseUrl?: string;
  /** SQLite only: run on this existing, migrated file (a restart) instead of a fresh one; stop() leaves it in place. */
  sqlitePath?: string;
  /** Where the server's log lines go (with env LOG_LEVEL, since the default is 'silent'). */
  logTo?: DestinationStream;
  /** "Now" for the server's business time rules (credit overrides, reviews, complaint service levels, retention). */
  clock?: () => Date;
  /** The clock credentials are checked by, on requests and open connections (token expiry without waiting). */
  now?: () => number;
}

export const TEST_JWT_SECRET = 'test-secret-for-the-customer-archive-api-0123456789';
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789';

/** Every test server of a process seals ids with this key, so gid() in factories.ts makes the ids they answer with. */
export const TEST_ID_SECRET = 'test-id-secret-for-the-customer-archive-api-0123456789';

export async function startTestServer(dialect: Dialect, opts: TestServerOptions = {}): Promise<TestServer> {
  const db = opts.databaseUrl
    ? await attachTestDatabase(opts.databaseUrl, { logger: opts.logger })
    : opts.sqlitePath
      ? await attachSqliteFile(opts.sqlitePath, { logger: opts.logger })
      : await createTestDatabase(dialect, {
          logger: opts.logger,
          migrate: opts.migrate,
          mysqlServer: opts.mysqlServer,
        });
  try {
    const config = loadConfig({
      JWT_SECRET: TEST_JWT_SECRET,
      ID_SECRET: TEST_ID_SECRET,
      DATA_DIR: db.dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      MIGRATE_ON_START: 'false',
      SEED_DEMO: 'false',
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      // Tests of other things must not meet the wait limits because the shared machine is slow
      // (50 writers queued on one lock at load 12 took more than 2 s for a connection); the
      // tests of the limits set their own.
      DB_ACQUIRE_TIMEOUT_MS: '60000',
      DB_STATEMENT_TIMEOUT_MS: '60000',
      REQUEST_TIMEOUT_MS: '60000',
      ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
      ...opts.env,
    });
    const app = await startApp(config, db.ds, createLogger(config.logLevel, opts.logTo), 0, {
      clock: opts.clock,
      now: opts.now,
    });
    const baseUrl = app.url.replace(/\/graphql$/, '');

    const token = (role: Role | Role[], userId?: number | string) =>
      signToken(
        config,
        String(userId ?? `test-${Array.isArray(role) ? role.join('+') : role}`),
        Array.isArray(role) ? role : [role],
      );

    const gql = async <T = Record<string, unknown>>(
      query: string,
      variables?: Record<string, unknown>,
      o: GqlOptions = {},
    ): Promise<GqlResponse<T>> => {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        accept: 'application/json',
        ...o.headers,
      };
      const bearer = o.token ?? (o.role ? await token(o.role, o.userId) : undefined);
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      const res = await fetch(app.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
        signal: o.signal,
      });
      const text = await res.text();
      let body: GqlBody<T>;
      try {
        body = JSON.parse(text) as GqlBody<T>;
      } catch {
        throw new Error(`POST /graphql answered ${res.status} with a non-JSON body: ${text.slice(0, 500)}`);
      }
      return { status: res.status, body, headers: res.headers };
    };

    const metrics = async () =>
      (await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();

    let stopped: Promise<void> | undefined;
    const stop = () =>
      (stopped ??= (async () => {
        try {
          await app.stop();
        } finally {
          await db.drop();
        }
      })());

    if (opts.logger && 'reset' in opts.logger && typeof opts.logger.reset === 'function')
      (opts.logger as { reset(): void }).reset();
    return { dialect, url: app.url, baseUrl, ds: db.ds, db, config, token, metrics, gql, stop };
  } catch (err) {
    await db.drop().catch(() => undefined);
    throw err;
  }
}

/** Fails with the errors printed when a GraphQL answer has any; returns its data otherwise. */
export function expectNoErrors<T>(body: GqlBody<T>): T {
  if (body.errors?.length) {
    throw new Error(`Expected no GraphQL errors, got:\n${JSON.stringify(body.errors, null, 2)}`);
  }
  if (body.data == null) throw new Error('Expected GraphQL data, got none');
  return body.data;
}

/** The `extensions.code` of every error in a GraphQL answer. */
export const errorCodes = (body: GqlBody<unknown>): unknown[] => (body.errors ?? []).map((e) => e.extensions?.code);
