import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';
import { type MysqlConnection, type MysqlPool, mysqlPool } from '../common/library-internals';
import { dialectOf } from './data-source';

/**
 * Bounds on every wait for MySQL/MariaDB (issue 20, item 4). With the database frozen, each
 * request, the readiness check and the relay used to wait as long as the freeze lasted.
 * Now a connection is waited for at most `acquireMs`, by at most `queueLimit` callers at
 * once beyond the `poolSize` connections (the rest are refused at once), a statement is
 * waited for at most `statementMs`, and inside withDeadline() no wait outlasts the
 * deadline. Each ends in a DatabaseWaitError, which db/errors.ts reads as an outage
 * (SERVICE_UNAVAILABLE).
 *
 * The timers run on this side: a frozen or unreachable server cannot enforce its own
 * statement timeout. A statement given up on takes its connection with it (closed, not
 * returned to the pool), since its answer may still come; the server rolls back whatever
 * transaction that connection had open, unless the statement was its COMMIT.
 *
 * SQLite needs none of this: its statements run synchronously in this process, and the one
 * wait it has, for another process's lock, is bounded by sqlite-transaction.ts.
 */
export interface DbWaitLimits {
  poolSize: number;
  queueLimit: number;
  acquireMs: number;
  statementMs: number;
}

export type DbWaitCode = 'DB_ACQUIRE_TIMEOUT' | 'DB_QUEUE_FULL' | 'DB_STATEMENT_TIMEOUT' | 'DB_CONNECT_FAILED';

/** A wait for the database that ended without an answer; `cause` keeps the driver's error for the logs. */
export class DatabaseWaitError extends Error {
  constructor(
    readonly code: DbWaitCode,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'DatabaseWaitError';
  }
}

interface Budget {
  /** Epoch ms by which every wait of this scope must end. */
  deadline?: number;
  /** Replaces `statementMs` in this scope (slow background work). */
  statementMs?: number;
}

const scope = new AsyncLocalStorage<Budget>();

/** Runs `work` so that no database wait it starts outlasts `deadline` (epoch ms). */
export function withDeadline<T>(deadline: number, work: () => T): T {
  return scope.run({ ...scope.getStore(), deadline }, work);
}

/** Runs `work` with its own statement timeout, for background work known to run long. */
export function withStatementTimeout<T>(statementMs: number, work: () => T): T {
  return scope.run({ ...scope.getStore(), statementMs }, work);
}

/** The wait allowed now: `limitMs`, cut to what is left before the scope's deadline. */
function allowance(limitMs: number): { ms: number; byDeadline: boolean } {
  const deadline = scope.getStore()?.deadline;
  const left = deadline === undefined ? Infinity : deadline - Date.now();
  return left < limitMs ? { ms: Math.max(0, left), byDeadline: true } : { ms: limitMs, byDeadline: false };
}

function timedOut(wait: 'connection' | 'statement', ms: number, byDeadline: boolean): DatabaseWaitError {
  const limit = byDeadline
    ? 'the deadline'
    : wait === 'connection'
      ? 'DB_ACQUIRE_TIMEOUT_MS'
      : 'DB_STATEMENT_TIMEOUT_MS';
  return new DatabaseWaitError(
    wait === 'connection' ? 'DB_ACQUIRE_TIMEOUT' : 'DB_STATEMENT_TIMEOUT',
    `gave up after ${ms} ms waiting for a ${wait} (${limit})`,
  );
}

type Callback = (err: Error | null, ...rest: unknown[]) => void;

/** mysql2's refusal when `queueLimit` callers already wait (it has no code). */
const QUEUE_FULL = 'Queue limit reached.';

const guarded = new WeakSet<MysqlConnection>();
const limitedPools = new WeakSet<MysqlPool>();

/**
 * Applies `limits` to the data source's pool; a no-op on SQLite. Call once the schema is
 * migrated: migrations and the CLIs run long statements on purpose. The pool's size and
 * queue are mysql2's own, which it reads at every request for a connection.
 */
export function limitDatabaseWaits(ds: DataSource, limits: DbWaitLimits): void {
  if (dialectOf(ds) !== 'mysql') return;
  const pool = mysqlPool(ds);
  if (limitedPools.has(pool)) return;
  limitedPools.add(pool);
  Object.assign(pool.config, { connectionLimit: limits.poolSize, queueLimit: limits.queueLimit });
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (cb) => {
    const { ms, byDeadline } = allowance(limits.acquireMs);
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      cb(timedOut('connection', ms, byDeadline));
    }, ms);
    getConnection((err, conn) => {
      // Too late for its caller: back to the pool for the next one.
      if (settled) return conn?.release();
      settled = true;
      clearTimeout(timer);
      if (conn) guardStatements(conn, limits);
      cb(err && refusal(err, limits), conn);
    });
  };
}

/**
 * One error class for every failure to get a connection, whatever raised it (a socket, the
 * handshake, the pool). TypeORM passes these on unwrapped, and an error made by Node's own
 * socket code is no `instanceof Error` where code runs in another realm (jest's tests).
 */
function refusal(err: Error, limits: DbWaitLimits): DatabaseWaitError {
  if (err.message === QUEUE_FULL)
    return new DatabaseWaitError(
      'DB_QUEUE_FULL',
      `${limits.queueLimit} callers already wait for a connection (DB_QUEUE_LIMIT)`,
    );
  return new DatabaseWaitError('DB_CONNECT_FAILED', `could not connect: ${err.message}`, { cause: err });
}

/** Every callback query on `conn` fails after its allowance, and closes the connection. */
function guardStatements(conn: MysqlConnection, limits: DbWaitLimits): void {
  if (guarded.has(conn)) return;
  guarded.add(conn);
  const query = conn.query;
  conn.query = function guardedQuery(this: MysqlConnection, ...args: unknown[]) {
    const done = args[args.length - 1];
    // Streams (no callback) are not used by the API's requests.
    if (typeof done !== 'function') return query.apply(this, args);
    const { ms, byDeadline } = allowance(scope.getStore()?.statementMs ?? limits.statementMs);
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      conn.destroy();
      (done as Callback)(timedOut('statement', ms, byDeadline));
    }, ms);
    args[args.length - 1] = (err: Error | null, ...rest: unknown[]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      (done as Callback)(err, ...rest);
    };
    return query.apply(this, args);
  };
}
