import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { signToken } from '../../src/auth/jwt';
import type { Role } from '../../src/auth/roles';
import { loadConfig } from '../../src/config/config';
import { startMariaDb } from '../support/mariadb';
import { BENCH_ID_SECRET, BENCH_JWT_SECRET } from './bench-secrets';

/**
 * What the benchmarks on MariaDB at scale share (screens, cadence): a server of their own or
 * BENCH_MYSQL_URL (keep a seeded million across runs there), the demo seed run as a user runs
 * it, and the API's environment and tokens as deployed.
 */
export interface BenchDatabase {
  /** Server URL without a database: statements counted from the general log connect here. */
  serverUrl: string;
  /** The benchmark's own database on it. */
  databaseUrl: string;
  /** Connected to that database. */
  admin: mysql.Connection;
  version: string;
  stop(): Promise<void>;
}

export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  const external = process.env.BENCH_MYSQL_URL;
  const db = external
    ? null
    : await startMariaDb([
        `--innodb-buffer-pool-size=${process.env.BENCH_DB_POOL ?? '1G'}`,
        '--innodb-log-file-size=256M',
      ]);
  const serverUrl = external ?? db!.url;
  const admin = await mysql.createConnection({ uri: serverUrl });
  await admin.query(`CREATE DATABASE IF NOT EXISTS ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`USE ${name}`);
  const [[version]] = (await admin.query('SELECT VERSION() AS v')) as unknown as [{ v: string }[]];
  return {
    serverUrl,
    databaseUrl: `${serverUrl.replace(/\/[^/]*$/, '')}/${name}`,
    admin,
    version: version.v,
    stop: async () => {
      await admin.end();
      await db?.stop();
    },
  };
}

export interface Seeded {
  customers: number;
  seconds: number;
  perSecond: number;
}

/**
 * Brings the database to `customers` demo customers through `npm run seed`'s command (LOAD
 * DATA, src/demo/), as a user would; null when they were there already. The rate is the
 * command's own figure.
 */
export async function seedDemo(
  databaseUrl: string,
  customers: number,
  log: (msg: string) => void,
): Promise<Seeded | null> {
  log(`seeding ${customers.toLocaleString()} customers`);
  const child = spawn(
    process.execPath,
    [path.join(__dirname, '../../src/demo/seed.cli.js'), '--customers', String(customers)],
    { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
    process.stderr.write(d);
  });
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`seed exited with ${code}`);
  const m = /wrote ([\d,]+) customers with their files in ([\d.]+) s/.exec(out);
  if (!m) return null;
  const written = Number(m[1].replace(/,/g, ''));
  return { customers: written, seconds: Number(m[2]), perSecond: written / Number(m[2]) };
}

/** The API runs as deployed: NODE_ENV=production (graphql-js skips its development checks), which wants issuer and audience. */
export const PRODUCTION = {
  NODE_ENV: process.env.BENCH_NODE_ENV ?? 'production',
  JWT_ISSUER: 'bench',
  JWT_AUDIENCE: 'customer-archive-api',
};

/** The API process's environment on `databaseUrl`, with /metrics behind the bench secret. */
export const benchApiEnv = (databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> => ({
  ...PRODUCTION,
  DATABASE_URL: databaseUrl,
  JWT_SECRET: BENCH_JWT_SECRET,
  ID_SECRET: BENCH_ID_SECRET,
  METRICS_TOKEN: BENCH_JWT_SECRET,
  ...extra,
});

/** A token the benchmark API accepts for employee `userId` in `role`. */
export function benchToken(role: Role, userId: number): Promise<string> {
  const config = loadConfig({ JWT_SECRET: BENCH_JWT_SECRET, DATA_DIR: os.tmpdir(), ...PRODUCTION });
  return signToken(config, String(userId), [role]);
}

/** The active employees in `role` (the demo users), lowest id first. */
export async function usersIn(admin: mysql.Connection, role: Role): Promise<number[]> {
  const [rows] = (await admin.query('SELECT id FROM `user` WHERE role = ? AND active = 1 ORDER BY id', [
    role,
  ])) as unknown as [{ id: number }[]];
  return rows.map((r) => r.id);
}

export interface GraphQLReply {
  data?: Record<string, unknown>;
  errors?: unknown[];
}

export async function post(url: string, token: string, body: string): Promise<GraphQLReply> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  });
  return (await res.json()) as GraphQLReply;
}

/** The data of one answer; GraphQL errors throw. */
export async function gql(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const reply = await post(url, token, JSON.stringify({ query, variables }));
  if (reply.errors?.length || !reply.data)
    throw new Error(`GraphQL errors: ${JSON.stringify(reply.errors).slice(0, 500)}`);
  return reply.data;
}

export interface BenchMachine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  database: string;
}

/** What a result was measured on, for the table's heading and the JSON. */
export const benchMachine = (database: string): BenchMachine => ({
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? '?',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  database,
});

/** The API's /metrics text (prom-client), behind the bench secret. */
export async function apiMetricsText(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${BENCH_JWT_SECRET}` } })).text();
}

/** A figure of the API's /metrics (prom-client), e.g. process_cpu_seconds_total. */
export async function apiMetric(baseUrl: string, name: string): Promise<number> {
  const text = await apiMetricsText(baseUrl);
  return Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
}
