import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import mysql from 'mysql2/promise';
import { signToken } from '../../src/auth/jwt';
import { loadConfig } from '../../src/config/config';
import { createDataSource, detectFlavor } from '../../src/db/data-source';
import { ENTITIES } from '../../src/server/entities';
import { User } from '../../src/users/user.entity';
import { RoleName } from '../../src/auth/roles';
import { startMariaDb, type MariaDbHandle } from '../support/mariadb';
import { PRODUCTION } from './bench-database';
import { BASELINE_ROWS, baselineInsert } from './import-baseline';

/**
 * npm run import into MariaDB: a generated 客户资料表 CSV of BENCH_ROWS new customers (12
 * columns, Chinese dates and amounts with separators), imported by a sales rep through the
 * real CLI in a child process, then the same file again (every row unchanged, nothing
 * written). Peak RSS of the importing process is read from /proc while it runs. First, a
 * handwritten baseline of the same rows (import-baseline.ts), for a ratio steadier than the
 * machine. Uses
 * TEST_MYSQL_URL when set, else a throwaway MariaDB like the tests'.
 */
export interface ImportRun {
  label: string;
  rows: number;
  seconds: number;
  rate: number;
  peakRssMb: number;
  /** CPU seconds of the importing process (user + system): on a shared machine steadier than the wall clock. */
  cpuSeconds: number;
  /** CPU seconds of the MariaDB server during the run (user + system): the database's share of the work. */
  dbCpuSeconds: number;
  /** Statements the server received during the run (Questions, prepared executions included). */
  statements: number;
  summary: string;
}

const SECRET = 'bench-secret-bench-secret-bench-secret';
const ID_SECRET = 'bench-id-secret-bench-id-secret-bench-id-secret';
const REGIONS = ['华北', '华东', '华南', '华中', '西南', '西北', '东北'];
const CITIES = ['北京', '上海', '广州', '武汉', '成都', '西安', '沈阳'];

async function writeCsv(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(
    '\uFEFF客户名称,客户类型,所属区域,城市,统一社会信用代码,电话,通讯地址,注册资本(万元),成立日期,行业,客户来源,员工数量\n',
  );
  for (let i = 1; i <= rows; i++) {
    const r = i % 7;
    const line = `压测客户${i}有限公司,企业,${REGIONS[r]},${CITIES[r]},91330100${String(i).padStart(10, '0')},0571-${String(80000000 + (i % 9999999))},${CITIES[r]}市某区某路${i}号,"${(i % 5000) + 1},000.5",${2000 + (i % 24)}年${(i % 12) + 1}月${(i % 28) + 1}日,制造业,展会,${i % 3000}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

/** User + system CPU seconds of a process so far, from /proc. */
function cpuOf(pid: number): number {
  const ticks = Number(process.env.CLK_TCK ?? 100);
  // "pid (name) state …": utime and stime are the 12th and 13th fields after the name.
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticks;
}

/** The server's pid (its pid file) and a reading of its CPU and statement count. */
async function serverMeter(admin: mysql.Connection): Promise<() => Promise<{ cpu: number; statements: number }>> {
  const [[{ file }]] = (await admin.query('SELECT @@pid_file AS file')) as unknown as [{ file: string }[]];
  const pid = Number(fs.readFileSync(file, 'utf8').trim());
  return async () => {
    const [[{ Value }]] = (await admin.query("SHOW GLOBAL STATUS LIKE 'Questions'")) as unknown as [
      { Value: string }[],
    ];
    return { cpu: cpuOf(pid), statements: Number(Value) };
  };
}

/** The node flags of package.json's import script: the bench runs the CLI as `npm run import` does. */
const IMPORT_NODE_FLAGS: string[] = (() => {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const match = /\bnode((?: --\S+)*) dist\/src\/import\/import\.cli\.js/.exec(scripts.import);
  if (!match) throw new Error('package.json: the import script no longer runs node dist/src/import/import.cli.js');
  return match[1].split(' ').filter(Boolean);
})();

function runCli(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ seconds: number; peakRssMb: number; cpuSeconds: number; stdout: string }> {
  const started = Date.now();
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each import run, to open in Chrome DevTools.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const cli = path.join(__dirname, '../../src/import/import.cli.js');
  const child = spawn(process.execPath, [...IMPORT_NODE_FLAGS, ...profile, cli, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => (stdout += d));
  let peak = 0;
  let cpu = 0;
  const timer = setInterval(() => {
    try {
      const rss = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (rss) peak = Math.max(peak, Number(rss[1]) / 1024);
      cpu = cpuOf(child.pid!);
    } catch {
      // exited between ticks
    }
  }, 100);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`import exited ${code}:\n${stdout}`));
      else resolve({ seconds: (Date.now() - started) / 1000, peakRssMb: peak, cpuSeconds: cpu, stdout });
    });
  });
}

/** The handwritten baseline (import-baseline.ts), measured like an import run, just before the import. */
async function baselineRun(
  databaseUrl: string,
  file: string,
  rows: number,
  meter: () => Promise<{ cpu: number; statements: number }>,
): Promise<ImportRun> {
  const load = os.loadavg()[0];
  const connection = await mysql.createConnection({ uri: databaseUrl, charset: 'utf8mb4_unicode_ci', timezone: 'Z' });
  try {
    const before = await meter();
    const run = await baselineInsert(connection, file, rows);
    const after = await meter();
    return {
      label: `baseline: the same rows by handwritten mysql2 INSERTs, no checks, events or index, load ${load.toFixed(1)}`,
      rows: run.rows,
      seconds: run.seconds,
      rate: run.rows / run.seconds,
      peakRssMb: 0,
      cpuSeconds: run.cpuSeconds,
      dbCpuSeconds: after.cpu - before.cpu,
      // Less this meter's own two statements and the copy's three (DROP, CREATE, DROP).
      statements: after.statements - before.statements - 5,
      summary: '',
    };
  } finally {
    await connection.end();
  }
}

export async function benchImport(rows: number): Promise<ImportRun[]> {
  let server: MariaDbHandle | undefined;
  // A production-sized buffer pool and redo log: the tests' 64 MB / 16 MB would measure checkpoints.
  const serverUrl =
    process.env.TEST_MYSQL_URL ??
    (server = await startMariaDb(['--innodb-buffer-pool-size=1G', '--innodb-log-file-size=512M'])).url;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const name = `bench_import_${Date.now().toString(36)}`;
  const admin = await mysql.createConnection({ uri: serverUrl });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const databaseUrl = url.toString();
    const ds = await createDataSource({
      entities: ENTITIES,
      databaseUrl,
      dataDir: dir,
      flavor: await detectFlavor(databaseUrl),
    }).initialize();
    await ds.runMigrations({ transaction: 'each' });
    const rep = await ds
      .getRepository(User)
      .save({ name: '录入员', department: '销售一部', role: RoleName.SALES_REP, active: true });
    await ds.destroy();
    // Run as deployed (PRODUCTION): graphql-js's development checks cost the import's input coercion a tenth.
    const env = {
      ...PRODUCTION,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: SECRET,
      ID_SECRET,
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    };
    const token = await signToken(loadConfig(env), String(rep.id), ['sales_rep']);
    const file = path.join(dir, '客户资料表.csv');
    await writeCsv(file, rows);
    const out: ImportRun[] = [];
    const meter = await serverMeter(admin);
    out.push(await baselineRun(databaseUrl, file, Math.min(rows, BASELINE_ROWS), meter));
    for (const label of ['new customers', 'same file again (all unchanged)']) {
      const load = os.loadavg()[0];
      const before = await meter();
      const run = await runCli([file, '--token', token], env);
      const after = await meter();
      const summary = run.stdout.split('\n')[0];
      out.push({
        label: `${label}, load ${load.toFixed(1)}`,
        rows,
        seconds: run.seconds,
        rate: rows / run.seconds,
        peakRssMb: run.peakRssMb,
        cpuSeconds: run.cpuSeconds,
        dbCpuSeconds: after.cpu - before.cpu,
        // Less this meter's own two statements.
        statements: after.statements - before.statements - 2,
        summary,
      });
    }
    return out;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => undefined);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
    await server?.stop();
  }
}
