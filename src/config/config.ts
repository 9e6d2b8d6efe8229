import path from 'node:path';
import { cleanEnv, port, str, bool, num, makeValidator, EnvError } from 'envalid';
import { toMoney } from '../common/decimal.scalar';
import { BusinessRules, DEFAULT_RULES, SEVERITIES, SeverityHours } from './rules';

// An empty value counts as unset, as shells and .env files often write it.
const mysqlUrl = makeValidator<string>((value) => {
  if (value !== '' && !/^mysql:\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/.test(value)) {
    throw new EnvError('must look like mysql://user:pass@host:3306/database');
  }
  return value;
});

const httpUrl = makeValidator<string>((value) => {
  if (value !== '' && !/^https?:\/\/\S+$/.test(value)) throw new EnvError('must be an http(s) URL');
  return value;
});

const positiveInt = makeValidator<number>((value) => {
  const n = Number(value);
  if (!/^\d+$/.test(String(value).trim()) || n < 1) throw new EnvError('must be a whole number of at least 1');
  return n;
});

const wholeNumber = makeValidator<number>((value) => {
  const n = Number(value);
  if (!/^\d+$/.test(String(value).trim())) throw new EnvError('must be a whole number (0 or more)');
  return n;
});

const amount = makeValidator<string>((value) => {
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(String(value).trim())) throw new EnvError('must be an amount in CNY, e.g. 10000 or 9999.50');
  return String(value).trim();
});

/** COMPLAINT_DUE_HOURS: "CRITICAL:8,HIGH:24,MEDIUM:72,LOW:168", every severity once. */
const severityHours = makeValidator<SeverityHours>((value) => {
  const pairs = String(value).split(',').map((part) => part.trim().split(':'));
  const out: Partial<SeverityHours> = {};
  for (const [name, hours] of pairs) {
    if (!SEVERITIES.includes(name as never) || !/^\d+$/.test(hours ?? '') || Number(hours) < 1 || name in out) {
      throw new EnvError(`must list each of ${SEVERITIES.join(', ')} once with whole hours of at least 1, e.g. CRITICAL:8,HIGH:24,MEDIUM:72,LOW:168`);
    }
    out[name as keyof SeverityHours] = Number(hours);
  }
  if (SEVERITIES.some((s) => out[s] === undefined)) throw new EnvError(`must give hours for every severity: ${SEVERITIES.join(', ')}`);
  return out as SeverityHours;
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
      JWT_ISSUER: str({ default: '', desc: 'expected iss claim (production)' }),
      JWT_AUDIENCE: str({ default: '', desc: 'expected aud claim (production)' }),
      JWKS_URL: httpUrl({ default: '', desc: 'JWKS endpoint for RS/ES tokens (production)' }),
      REDIS_URL: str({ default: '', desc: 'Redis for instant change-feed wake-ups between instances (events still come from the database outbox; without Redis, or while it is down, relays poll every 200 ms)' }),
      LOG_LEVEL: str({ default: 'info', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }),
      NODE_ENV: str({ default: 'development', choices: ['development', 'production', 'test'] }),
      CHANGE_RETENTION_DAYS: num({ default: 7, desc: 'days change events are kept for resuming subscriptions' }),
      ARCHIVE_NO_PATTERN: str({ default: '{region}{year}{seq:6}', desc: 'archive-number coding rule: {region} {year} {seq:N} and literal A-Z 0-9 -' }),
      STALE_ARCHIVE_DAYS: positiveInt({ default: 90, desc: 'days after which an archive neither verified nor updated is listed by staleArchives' }),
      MAX_QUERY_DEPTH: num({ default: 8, desc: 'deepest selection a query may have' }),
      CREDIT_OVERRIDE_DAYS: positiveInt({ default: DEFAULT_RULES.creditOverrideDays, desc: "days a general manager's approved credit override stays usable" }),
      CREDIT_REVIEW_MONTHS: positiveInt({ default: DEFAULT_RULES.creditReviewMonths, desc: 'months after which a credit review is due again (季度考核)' }),
      NEW_CUSTOMER_CASH_MONTHS: wholeNumber({ default: DEFAULT_RULES.newCustomerCashMonths, desc: 'months after approval in which a new customer buys for cash only (0: no such period)' }),
      CREDIT_CHECK_EXEMPT_MAX: amount({ default: DEFAULT_RULES.creditCheckExemptMax, desc: 'sample orders up to this amount (CNY) skip the credit checks' }),
      COMPLAINT_DUE_HOURS: severityHours({ default: DEFAULT_RULES.complaintDueHours, desc: 'hours to resolve a complaint, per severity' }),
      COMPLAINT_REOPEN_DAYS: positiveInt({ default: DEFAULT_RULES.complaintReopenDays, desc: 'days after its resolution in which a complaint may be reopened' }),
      SQLITE_LOCK_WAIT_MS: num({ default: 5000, desc: 'how long an SQLite write waits (without blocking) for a lock another process holds before answering SERVICE_UNAVAILABLE' }),
    },
    {
      reporter: ({ errors }) => {
        const names = Object.keys(errors);
        if (names.length === 0) return;
        const lines = names.map((name) => `  ${name}: ${(errors as Record<string, Error | undefined>)[name]?.message}`);
        throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
      },
    },
  );
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
    redisUrl: raw.REDIS_URL || undefined,
    logLevel: raw.LOG_LEVEL,
    production: raw.NODE_ENV === 'production',
    maxQueryDepth: raw.MAX_QUERY_DEPTH,
    archiveNoPattern: raw.ARCHIVE_NO_PATTERN,
    staleArchiveDays: raw.STALE_ARCHIVE_DAYS,
    changeRetentionDays: raw.CHANGE_RETENTION_DAYS,
    sqliteLockWaitMs: raw.SQLITE_LOCK_WAIT_MS,
    rules: <BusinessRules>{
      creditOverrideDays: raw.CREDIT_OVERRIDE_DAYS,
      creditReviewMonths: raw.CREDIT_REVIEW_MONTHS,
      newCustomerCashMonths: raw.NEW_CUSTOMER_CASH_MONTHS,
      creditCheckExemptMax: toMoney(raw.CREDIT_CHECK_EXEMPT_MAX),
      complaintDueHours: raw.COMPLAINT_DUE_HOURS,
      complaintReopenDays: raw.COMPLAINT_REOPEN_DAYS,
    },
  };
}

export type Config = ReturnType<typeof loadConfig>;
