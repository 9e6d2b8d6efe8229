import path from 'node:path';
import { cleanEnv, port, str, bool, num, makeValidator, EnvError } from 'envalid';
import { toMoney } from '../common/decimal.scalar';
import { type BusinessRules, CLASSES, DEFAULT_RULES, type PerClass, SEVERITIES, type SeverityHours } from './rules';

// An empty value counts as unset, as shells and .env files often write it.
const mysqlUrl = makeValidator<string>((value) => {
  if (value !== '' && !/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/.test(value)) {
    throw new EnvError('must look like mysql://user:pass@host:3306/database');
  }
  return value;
});

// Seals every id and cursor clients hold: short secrets would be guessable offline.
const idSecret = makeValidator<string>((value) => {
  if (value !== '' && value.length < 32)
    throw new EnvError('must be at least 32 characters (e.g. openssl rand -hex 32)');
  return value;
});

const count = makeValidator<number>((value) => {
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new EnvError('must be a whole number above 0');
  return Number(value);
});

const wholeNumber = makeValidator<number>((value) => {
  if (!/^[0-9]{1,4}$/.test(value)) throw new EnvError('must be a whole number, 0 or more');
  return Number(value);
});

// Milliseconds where 0 means none (a grace period that may be skipped).
const millisOrZero = makeValidator<number>((value) => {
  if (!/^[0-9]{1,9}$/.test(value)) throw new EnvError('must be a whole number of milliseconds, 0 or more');
  return Number(value);
});

// Empty or 0: off.
const optionalPort = makeValidator<number>((value) => {
  const n = value === '' ? 0 : Number(value);
  if (!/^[0-9]{0,5}$/.test(value) || n > 65535) throw new EnvError('must be a port number, or 0 for none');
  return n;
});

/** CORS_ORIGINS: "https://app.example.com,http://localhost:5173", or "*"; empty: none. */
const origins = makeValidator<string[]>((value) => {
  const list = String(value)
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin))
      throw new EnvError(`"${origin}" is not an origin: scheme, host and port only, e.g. https://app.example.com`);
  }
  return list;
});

const httpUrl = makeValidator<string>((value) => {
  if (value !== '' && !/^https?:\/\/\S+$/.test(value)) throw new EnvError('must be an http(s) URL');
  return value;
});

/** Stops the start with one line per bad value. */
function report(problems: Record<string, string | undefined>): void {
  const names = Object.keys(problems);
  if (names.length === 0) return;
  throw new Error(`Invalid configuration:\n${names.map((name) => `  ${name}: ${problems[name]}`).join('\n')}`);
}

const amount = makeValidator<string>((value) => {
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(String(value).trim()))
    throw new EnvError('must be an amount in CNY, e.g. 10000 or 9999.50');
  return String(value).trim();
});

/** COMPLAINT_DUE_HOURS: "CRITICAL:8,HIGH:24,MEDIUM:72,LOW:168", every severity once. */
const severityHours = makeValidator<SeverityHours>((value) => {
  const pairs = String(value)
    .split(',')
    .map((part) => part.trim().split(':'));
  const out: Partial<SeverityHours> = {};
  for (const [name, hours] of pairs) {
    if (!SEVERITIES.includes(name as never) || !/^\d+$/.test(hours ?? '') || Number(hours) < 1 || name in out) {
      throw new EnvError(
        `must list each of ${SEVERITIES.join(', ')} once with whole hours of at least 1, e.g. CRITICAL:8,HIGH:24,MEDIUM:72,LOW:168`,
      );
    }
    out[name as keyof SeverityHours] = Number(hours);
  }
  if (SEVERITIES.some((s) => out[s] === undefined))
    throw new EnvError(`must give hours for every severity: ${SEVERITIES.join(', ')}`);
  return out as SeverityHours;
});

/** "A:7,B:7,C:14": each of `names` once with a whole number of at least 1 (per-class cadence, ABC shares). */
function perName<N extends string>(names: readonly N[], example: string, value: string): Record<N, number> {
  const out: Partial<Record<N, number>> = {};
  for (const [name, n] of String(value)
    .split(',')
    .map((part) => part.trim().split(':'))) {
    if (!names.includes(name as N) || !/^\d{1,4}$/.test(n ?? '') || Number(n) < 1 || name in out) {
      throw new EnvError(
        `must list each of ${names.join(', ')} once with a whole number of at least 1, e.g. ${example}`,
      );
    }
    out[name as N] = Number(n);
  }
  if (names.some((name) => out[name] === undefined))
    throw new EnvError(`must give a number for every one of ${names.join(', ')}, e.g. ${example}`);
  return out as Record<N, number>;
}
const perClass = (example: string) => makeValidator<PerClass>((value) => perName(CLASSES, example, value));
const abcShares = makeValidator<{ A: number; B: number }>((value) => {
  const shares = perName(['A', 'B'] as const, 'A:20,B:40', value);
  if (shares.A + shares.B > 100) throw new EnvError('A and B together must be at most 100 (percent); C is the rest');
  return shares;
});

/** Validated once at start; every module reads configuration from here, never from process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const raw = cleanEnv(
    env,
    {
      PORT: port({ default: 4000, desc: 'HTTP port of the API' }),
      HOST: str({ default: '0.0.0.0', desc: 'interface to listen on' }),
      DATABASE_URL: mysqlUrl({ default: '', desc: 'MySQL/MariaDB URL; SQLite in DATA_DIR when empty' }),
      DATA_DIR: str({ default: 'data', desc: 'folder for the SQLite file and the generated dev secret' }),
      MIGRATE_ON_START: bool({ default: true, desc: 'apply pending migrations when the server starts' }),
      SEED_DEMO: bool({ default: true, desc: 'fill an empty SQLite database with demo data on first start' }),
      JWT_SECRET: str({ default: '', desc: 'HS256 secret; generated under DATA_DIR when empty' }),
      ID_SECRET: idSecret({
        default: '',
        desc: 'key of the opaque ids and cursors; generated under DATA_DIR when empty; instances sharing a database must share it',
      }),
      JWT_ISSUER: str({ default: '', desc: 'expected iss claim (production)' }),
      JWT_AUDIENCE: str({ default: '', desc: 'expected aud claim (production)' }),
      JWKS_URL: httpUrl({ default: '', desc: 'JWKS endpoint for RS/ES tokens (production)' }),
      REDIS_URL: str({
        default: '',
        desc: 'Redis for instant change-feed wake-ups between instances (events still come from the database outbox; without Redis, or while it is down, relays poll every 200 ms)',
      }),
      LOG_LEVEL: str({ default: 'info', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }),
      NODE_ENV: str({ default: 'development', choices: ['development', 'production', 'test'] }),
      CHANGE_RETENTION_DAYS: num({ default: 7, desc: 'days change events are kept for resuming subscriptions' }),
      CHANGE_CHECKPOINT_SECONDS: wholeNumber({
        default: 30,
        desc: 'least time between two checkpoints of a changeFeed subscriber (0: after every batch of events)',
      }),
      ARCHIVE_NO_PATTERN: str({
        default: '{region}{year}{seq:6}',
        desc: 'archive-number coding rule: {region} {year} {seq:N} and literal A-Z 0-9 -',
      }),
      ARCHIVE_RETENTION_YEARS: wholeNumber({
        default: 5,
        desc: 'years an ended archive is kept before it may be destroyed',
      }),
      STALE_ARCHIVE_DAYS: count({
        default: 90,
        desc: 'days after which an archive neither verified nor updated is listed by staleArchives',
      }),
      CREDIT_OVERRIDE_DAYS: count({
        default: DEFAULT_RULES.creditOverrideDays,
        desc: "days a general manager's approved credit override stays usable",
      }),
      CREDIT_REVIEW_MONTHS: count({
        default: DEFAULT_RULES.creditReviewMonths,
        desc: 'months after which a credit review is due again (季度考核)',
      }),
      NEW_CUSTOMER_CASH_MONTHS: wholeNumber({
        default: DEFAULT_RULES.newCustomerCashMonths,
        desc: 'months after approval in which a new customer buys for cash only (0: no such period)',
      }),
      CREDIT_CHECK_EXEMPT_MAX: amount({
        default: DEFAULT_RULES.creditCheckExemptMax,
        desc: 'sample orders up to this amount (CNY) skip the credit checks',
      }),
      COMPLAINT_DUE_HOURS: severityHours({
        default: DEFAULT_RULES.complaintDueHours,
        desc: 'hours to resolve a complaint, per severity',
      }),
      COMPLAINT_REOPEN_DAYS: count({
        default: DEFAULT_RULES.complaintReopenDays,
        desc: 'days after its resolution in which a complaint may be reopened',
      }),
      ABC_SHARES: abcShares({
        default: DEFAULT_RULES.abcShares,
        desc: 'percent of ranked customers in class A and class B (the rest C)',
      }),
      CALL_EVERY_DAYS: perClass('A:7,B:7,C:14')({
        default: DEFAULT_RULES.callEveryDays,
        desc: 'days between phone calls, per class (回访)',
      }),
      VISIT_EVERY_MONTHS: perClass('A:2,B:3,C:4')({
        default: DEFAULT_RULES.visitEveryMonths,
        desc: 'months between visits, per class',
      }),
      SURVEY_EVERY_MONTHS: count({
        default: DEFAULT_RULES.surveyEveryMonths,
        desc: 'months after which a satisfaction survey is due again',
      }),
      WEBHOOK_ALLOW_PRIVATE: bool({
        default: false,
        devDefault: true,
        desc: 'let webhooks call loopback, private and link-local addresses (off in production)',
      }),
      WEBHOOK_TIMEOUT_MS: count({ default: 10_000, desc: 'how long a webhook receiver has to answer a delivery' }),
      WEBHOOK_RETRY_SECONDS: count({
        default: 1,
        desc: 'wait after a failed webhook delivery, doubling with each failure in a row',
      }),
      WEBHOOK_RETRY_MAX_SECONDS: count({
        default: 3600,
        desc: 'longest wait between two attempts of a webhook delivery',
      }),
      SQLITE_LOCK_WAIT_MS: num({
        default: 5000,
        desc: 'how long an SQLite write waits (without blocking) for a lock another process holds before answering SERVICE_UNAVAILABLE',
      }),
      DB_POOL_SIZE: count({ default: 20, desc: 'MySQL connections this instance may hold' }),
      DB_QUEUE_LIMIT: count({
        default: 100,
        desc: 'requests that may wait for a MySQL connection at once; more are answered SERVICE_UNAVAILABLE at once',
      }),
      DB_ACQUIRE_TIMEOUT_MS: count({
        default: 2000,
        desc: 'how long a request waits for a MySQL connection before SERVICE_UNAVAILABLE',
      }),
      DB_STATEMENT_TIMEOUT_MS: count({
        default: 5000,
        desc: 'how long one MySQL statement may take before it fails (SERVICE_UNAVAILABLE) and its connection is closed',
      }),
      REQUEST_TIMEOUT_MS: count({
        default: 10000,
        desc: 'how long an HTTP GraphQL request may wait on the database in all before SERVICE_UNAVAILABLE',
      }),
      READYZ_TIMEOUT_MS: count({
        default: 1000,
        desc: 'how long GET /readyz waits for the database before answering 503',
      }),
      SHUTDOWN_GRACE_MS: millisOrZero({
        default: 10000,
        desc: 'after SIGTERM: how long /readyz answers 503 while requests are still served, before the server stops accepting',
      }),
      MAX_QUERY_DEPTH: count({
        default: 8,
        desc: 'deepest selection a query may have (introspection fields not counted)',
      }),
      MAX_QUERY_COST: count({
        default: 5000,
        desc: 'rows x fields a query may select, first/last multiplying nested lists',
      }),
      MAX_QUERY_ALIASES: count({ default: 30, desc: 'aliased fields a document may have' }),
      MAX_QUERY_TOKENS: count({
        default: 2000,
        desc: 'GraphQL tokens a document may have, counted before it is parsed',
      }),
      MAX_QUERY_BYTES: count({ default: 16 * 1024, desc: 'bytes a document may have, checked before it is parsed' }),
      APQ_CACHE_BYTES: count({
        default: 8 * 1024 * 1024,
        desc: 'bytes of documents kept for automatic persisted queries, least recently used dropped first',
      }),
      TRUSTED_DOCUMENTS: str({
        default: '',
        desc: 'a JSON manifest { sha256: document }: when set, only its operations run (production)',
      }),
      SANDBOX: bool({
        default: false,
        devDefault: true,
        desc: 'Apollo Sandbox with example operations at /graphql (on outside production by default)',
      }),
      CORS_ORIGINS: origins({
        default: [],
        desc: 'origins browsers may call the API from, comma-separated, or * for any; credentials are never allowed',
      }),
      METRICS_TOKEN: str({
        default: '',
        desc: 'bearer token for GET /metrics; without it /metrics is not served on PORT',
      }),
      METRICS_PORT: optionalPort({
        default: 0,
        desc: 'serve /metrics on this port instead of PORT (0: not separately)',
      }),
      IMPORT_DIR: str({
        default: '',
        desc: 'the folder importFile may read files from (and writes their reports to); DATA_DIR/imports when empty',
      }),
    },
    {
      reporter: ({ errors }) =>
        report(
          Object.fromEntries(Object.entries(errors).map(([name, err]) => [name, (err as Error | undefined)?.message])),
        ),
    },
  );
  const production = raw.NODE_ENV === 'production';
  const problems: Record<string, string> = {};
  if (production && !raw.JWT_SECRET && !raw.JWKS_URL)
    problems.JWT_SECRET = 'required in production (or JWKS_URL): a generated secret lives on one disk';
  if (production && !raw.JWT_ISSUER) problems.JWT_ISSUER = 'required in production';
  if (production && !raw.JWT_AUDIENCE) problems.JWT_AUDIENCE = 'required in production';
  if (production && raw.JWT_SECRET && raw.JWT_SECRET.length < 32)
    problems.JWT_SECRET = 'must be at least 32 characters in production';
  if (raw.METRICS_TOKEN && raw.METRICS_TOKEN.length < 16) problems.METRICS_TOKEN = 'must be at least 16 characters';
  if (raw.METRICS_PORT !== 0 && raw.METRICS_PORT === raw.PORT) problems.METRICS_PORT = 'must be a port other than PORT';
  // A wait longer than the request's whole budget could never end in its own error.
  if (raw.DB_ACQUIRE_TIMEOUT_MS > raw.REQUEST_TIMEOUT_MS)
    problems.DB_ACQUIRE_TIMEOUT_MS = 'must not exceed REQUEST_TIMEOUT_MS';
  report(problems);
  return {
    port: raw.PORT,
    host: raw.HOST,
    databaseUrl: raw.DATABASE_URL || undefined,
    dataDir: path.resolve(raw.DATA_DIR),
    migrateOnStart: raw.MIGRATE_ON_START,
    seedDemo: raw.SEED_DEMO,
    jwt: {
      secret: raw.JWT_SECRET || undefined,
      issuer: raw.JWT_ISSUER || undefined,
      audience: raw.JWT_AUDIENCE || undefined,
      jwksUrl: raw.JWKS_URL || undefined,
    },
    idSecret: raw.ID_SECRET || undefined,
    redisUrl: raw.REDIS_URL || undefined,
    logLevel: raw.LOG_LEVEL,
    production,
    limits: {
      depth: raw.MAX_QUERY_DEPTH,
      cost: raw.MAX_QUERY_COST,
      aliases: raw.MAX_QUERY_ALIASES,
      tokens: raw.MAX_QUERY_TOKENS,
      bytes: raw.MAX_QUERY_BYTES,
    },
    corsOrigins: raw.CORS_ORIGINS,
    sandbox: raw.SANDBOX,
    persistedQueries: { cacheBytes: raw.APQ_CACHE_BYTES, trustedDocuments: raw.TRUSTED_DOCUMENTS || undefined },
    metrics: { token: raw.METRICS_TOKEN || undefined, port: raw.METRICS_PORT || undefined },
    archiveNoPattern: raw.ARCHIVE_NO_PATTERN,
    staleArchiveDays: raw.STALE_ARCHIVE_DAYS,
    retentionYears: raw.ARCHIVE_RETENTION_YEARS,
    changeRetentionDays: raw.CHANGE_RETENTION_DAYS,
    changeCheckpointMs: raw.CHANGE_CHECKPOINT_SECONDS * 1000,
    sqliteLockWaitMs: raw.SQLITE_LOCK_WAIT_MS,
    importDir: raw.IMPORT_DIR ? path.resolve(raw.IMPORT_DIR) : path.join(path.resolve(raw.DATA_DIR), 'imports'),
    webhooks: {
      allowPrivate: raw.WEBHOOK_ALLOW_PRIVATE,
      timeoutMs: raw.WEBHOOK_TIMEOUT_MS,
      retry: {
        firstMs: raw.WEBHOOK_RETRY_SECONDS * 1000,
        maxMs: Math.max(raw.WEBHOOK_RETRY_SECONDS, raw.WEBHOOK_RETRY_MAX_SECONDS) * 1000,
      },
    },
    rules: <BusinessRules>{
      creditOverrideDays: raw.CREDIT_OVERRIDE_DAYS,
      creditReviewMonths: raw.CREDIT_REVIEW_MONTHS,
      newCustomerCashMonths: raw.NEW_CUSTOMER_CASH_MONTHS,
      creditCheckExemptMax: toMoney(raw.CREDIT_CHECK_EXEMPT_MAX),
      complaintDueHours: raw.COMPLAINT_DUE_HOURS,
      complaintReopenDays: raw.COMPLAINT_REOPEN_DAYS,
      abcShares: raw.ABC_SHARES,
      callEveryDays: raw.CALL_EVERY_DAYS,
      visitEveryMonths: raw.VISIT_EVERY_MONTHS,
      surveyEveryMonths: raw.SURVEY_EVERY_MONTHS,
    },
    db: {
      poolSize: raw.DB_POOL_SIZE,
      queueLimit: raw.DB_QUEUE_LIMIT,
      acquireMs: raw.DB_ACQUIRE_TIMEOUT_MS,
      statementMs: raw.DB_STATEMENT_TIMEOUT_MS,
    },
    requestTimeoutMs: raw.REQUEST_TIMEOUT_MS,
    readyTimeoutMs: raw.READYZ_TIMEOUT_MS,
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
  };
}

export type Config = ReturnType<typeof loadConfig>;
