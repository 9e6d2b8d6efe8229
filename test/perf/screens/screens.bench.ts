import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Role } from '../../../src/auth/roles';
import { sealId, useIdSecret } from '../../../src/common/global-id';
import { type ApiProcess, startApiProcess } from '../api-process';
import {
  apiMetric,
  apiMetricsText,
  benchApiEnv,
  benchMachine,
  type BenchMachine,
  benchToken,
  gql,
  openBenchDatabase,
  post,
  seedDemo,
  usersIn,
} from '../bench-database';
import { BENCH_ID_SECRET, BENCH_JWT_SECRET } from '../bench-secrets';
import { interleaved, load, type Measured, medianOf, type Target } from '../load';
import * as Q from './queries';
import { statementsPerRequest } from '../statements';

/**
 * BENCH=screens: the screens frontend teams and analysts load (issue 17), measured from
 * outside against the real API process on MariaDB, S1 and S2 beside a handwritten express +
 * mysql2 server answering the same JSON (baseline.ts), in interleaved rounds. See run.ts for
 * the table and the JSON file, and the README for how to read them.
 */
export interface Compared {
  screen: 'S1' | 'S2';
  role: Role;
  api: Measured;
  baseline: Measured;
  ratio: number;
  p99Ratio: number;
  cpuRatio: number;
}
export interface Alone {
  screen: string;
  role: Role;
  api: Measured;
}
export interface Statements {
  screen: string;
  role: Role;
  page: number | null;
  api: number;
  baseline: number | null;
}
export interface ScreensResult {
  date: string;
  machine: BenchMachine;
  customers: number;
  seed: { customers: number; seconds: number; perSecond: number } | null;
  compared: Compared[];
  alone: Alone[];
  statements: Statements[];
  /** API RSS after all the load, MiB. */
  rssAfterLoadMiB: number;
  /** What the API's RSS is made of after the load, and again after a full collection (live objects only). */
  memory: { afterLoad: MemoryMiB; afterGc: MemoryMiB; baselineRss: number };
  coldStart: { firstStartMs: number; restartMs: number };
  settings: { rounds: number; seconds: number; connections: number };
}

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** BENCH_ONLY=S1,S2 runs only those screens (e.g. while profiling). */
const ONLY = process.env.BENCH_ONLY?.split(',');
const runs = (screen: string) => !ONLY || ONLY.includes(screen);
/** BENCH_ROLES=analyst measures one role. */
const ROLES = (process.env.BENCH_ROLES?.split(',') ?? ['general_manager', 'analyst']) as Role[];
const SEARCH_TERMS = ['恒达机械', '华信电子', '苏州金盛', '东方物流', '瑞丰化工', '长城贸易', '成都博远', '国泰医药'];
const progress = (msg: string) => process.stderr.write(`[bench screens] ${msg}\n`);

/** The first path where two answers differ, for the check's message. */
function firstDifference(a: unknown, b: unknown, at = ''): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
      if (d) return d;
    }
  }
  return `${at}: API ${JSON.stringify(a)?.slice(0, 200)} vs baseline ${JSON.stringify(b)?.slice(0, 200)}`;
}

function startBaselineProcess(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'baseline.main.js')], {
    env: {
      ...process.env,
      BASELINE_DATABASE_URL: databaseUrl,
      BASELINE_JWT_SECRET: BENCH_JWT_SECRET,
      BASELINE_ID_SECRET: BENCH_ID_SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /baseline ready (\S+)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Spawn to the first 200 of /readyz, on the embedded SQLite default (first start migrates and writes the demo data). */
async function coldStart(): Promise<ScreensResult['coldStart']> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cold-'));
  const once = async () => {
    const started = Date.now();
    const api = await startApiProcess({
      env: { DATA_DIR: dir, DATABASE_URL: '', JWT_SECRET: BENCH_JWT_SECRET, ID_SECRET: BENCH_ID_SECRET },
    });
    for (;;) {
      if ((await fetch(`${api.baseUrl}/readyz`)).status === 200) break;
    }
    const ms = Date.now() - started;
    await api.stop();
    return ms;
  };
  try {
    return { firstStartMs: await once(), restartMs: await once() };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** RSS and the V8 heap's parts, MiB, from prom-client's default metrics. */
export interface MemoryMiB {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  /** Committed size of each V8 space (new, old, code, large_object …). */
  spaces: Record<string, number>;
  external: number;
}

async function memoryMiB(api: ApiProcess): Promise<MemoryMiB> {
  const text = await apiMetricsText(api.baseUrl);
  const mib = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  const spaces: Record<string, number> = {};
  for (const m of text.matchAll(/^nodejs_heap_space_size_total_bytes\{space="(\w+)"\} ([0-9.e+]+)$/gm))
    spaces[m[1]] = Number(m[2]) / 2 ** 20;
  return {
    rss: mib('process_resident_memory_bytes'),
    heapTotal: mib('nodejs_heap_size_total_bytes'),
    heapUsed: mib('nodejs_heap_size_used_bytes'),
    spaces,
    external: mib('nodejs_external_memory_bytes'),
  };
}

/** Full (major) collections so far, as prom-client's GC histogram counts them. */
async function majorGcs(api: ApiProcess): Promise<number> {
  const text = await apiMetricsText(api.baseUrl);
  return Number(/^nodejs_gc_duration_seconds_count\{kind="major"\} (\d+)$/m.exec(text)?.[1] ?? NaN);
}

/** After SIGUSR2 (gc-on-signal.ts runs a full collection): read once the collection was counted. */
async function memoryAfterGc(api: ApiProcess): Promise<MemoryMiB> {
  const before = await majorGcs(api);
  if (Number.isNaN(before)) throw new Error('the API reports no GC metrics (prom-client default metrics)');
  api.child.kill('SIGUSR2');
  while (!((await majorGcs(api)) > before));
  return memoryMiB(api);
}

export async function benchScreens(): Promise<ScreensResult> {
  useIdSecret(BENCH_ID_SECRET);
  const db = await openBenchDatabase('bench_screens');
  const { serverUrl, databaseUrl, admin } = db;
  let api: ApiProcess | undefined;
  let baseline: { url: string; child: ChildProcess } | undefined;
  try {
    const seeded = await seedDemo(databaseUrl, CUSTOMERS, progress);
    const tokens = Object.fromEntries(
      await Promise.all(
        (['general_manager', 'analyst'] as Role[]).map(async (r) => [
          r,
          await benchToken(r, (await usersIn(admin, r))[0]),
        ]),
      ),
    ) as Record<Role, string>;

    api = await startApiProcess({
      // Page 100 of the list screen is over the default cost limit: raised here, for the statement counts only.
      env: benchApiEnv(databaseUrl, { MAX_QUERY_COST: '100000' }),
      profileDir: process.env.BENCH_PROFILE,
      nodeFlags: ['--expose-gc', '-r', path.join(__dirname, '../gc-on-signal.js')],
    });
    baseline = await startBaselineProcess(databaseUrl);
    const apiUrl = api.url;
    const apiCpu = () => apiMetric(api!.baseUrl, 'process_cpu_seconds_total');
    const baselineCpu = async () =>
      ((await (await fetch(`${baseline!.url}/cpu`)).json()) as { seconds: number }).seconds;

    // S1 walks the first pages, S2 archives every role may see.
    const [s2Rows] = (await admin.query(
      "SELECT id FROM customer WHERE abc_class <> 'A' ORDER BY id LIMIT 200",
    )) as unknown as [{ id: number }[]];
    const s2Ids = s2Rows.map((r) => sealId('Customer', r.id));
    const [activeRows] = (await admin.query(
      "SELECT id FROM customer WHERE status = 'ACTIVE' ORDER BY id LIMIT 200",
    )) as unknown as [{ id: number }[]];
    const s6Ids = activeRows.map((r) => sealId('Customer', r.id));

    const compared: Compared[] = [];
    const alone: Alone[] = [];
    const statements: Statements[] = [];
    for (const role of ROLES) {
      const token = tokens[role];
      const credit = role === 'general_manager';
      const s1Query = Q.listPage(credit);
      const s2Query = Q.detailScreen(credit);
      const afters: (string | null)[] = [null];
      for (let i = 0; i < 9; i++) {
        const data = await gql(apiUrl, token, s1Query, { first: 50, after: afters[i] });
        const { pageInfo } = data.customers as { pageInfo: { hasNextPage: boolean; endCursor: string } };
        if (!pageInfo.hasNextPage) break;
        afters.push(pageInfo.endCursor);
      }
      const s1Api = afters.map((after) => JSON.stringify({ query: s1Query, variables: { first: 50, after } }));
      const s1Base = afters.map((after) => JSON.stringify({ first: 50, after }));
      const s2Api = s2Ids.map((id) => JSON.stringify({ query: s2Query, variables: { id } }));
      const s2Base = s2Ids.map((id) => JSON.stringify({ id }));

      // The check: both servers answer every S1 page and the first S2 archives with the same JSON.
      for (const [i, body] of s1Api.entries()) {
        const a = await post(apiUrl, token, body);
        const b = await post(`${baseline.url}/s1`, token, s1Base[i]);
        const diff = a.errors ? `API errors ${JSON.stringify(a.errors)}` : firstDifference(a.data, b.data);
        if (diff) throw new Error(`S1 as ${role}, page ${i + 1}: the baseline answers differently at ${diff}`);
      }
      for (const [i, body] of s2Api.slice(0, 40).entries()) {
        const a = await post(apiUrl, token, body);
        const b = await post(`${baseline.url}/s2`, token, s2Base[i]);
        const diff = a.errors ? `API errors ${JSON.stringify(a.errors)}` : firstDifference(a.data, b.data);
        if (diff) throw new Error(`S2 as ${role}, archive ${i + 1}: the baseline answers differently at ${diff}`);
      }
      progress(`${role}: API and baseline agree on ${s1Api.length} list pages and 40 archives`);

      const pairs: [Compared['screen'], Target, Target][] = [
        [
          'S1',
          { url: apiUrl, token, bodies: s1Api, cpu: apiCpu },
          { url: `${baseline.url}/s1`, token, bodies: s1Base, cpu: baselineCpu },
        ],
        [
          'S2',
          { url: apiUrl, token, bodies: s2Api, cpu: apiCpu },
          { url: `${baseline.url}/s2`, token, bodies: s2Base, cpu: baselineCpu },
        ],
      ];
      for (const [screen, a, b] of pairs) {
        if (!runs(screen)) continue;
        progress(`${screen} as ${role}: ${ROUNDS} interleaved rounds of ${SECONDS} s`);
        const [apiM, baseM] = await interleaved([a, b], ROUNDS, SECONDS);
        compared.push({
          screen,
          role,
          api: apiM,
          baseline: baseM,
          ratio: apiM.rps / baseM.rps,
          p99Ratio: apiM.p99 / baseM.p99,
          cpuRatio: apiM.cpuMs / baseM.cpuMs,
        });
      }

      const s3Bodies = (first: number) =>
        ['EAST', 'SOUTH', 'NORTH', 'CENTRAL'].flatMap((region) =>
          ['B', 'C'].map((abc) =>
            JSON.stringify({ query: Q.filteredList, variables: { first, region: [region], abc: [abc] } }),
          ),
        );
      const s4Bodies = (first: number) =>
        SEARCH_TERMS.map((q) => JSON.stringify({ query: Q.search, variables: { first, q } }));
      // S5 has no page: its bodies ignore `first`.
      const s5Bodies = () =>
        [['B'], ['C'], ['B', 'C']].map((abc) => JSON.stringify({ query: Q.aggregate, variables: { abc } }));
      const more: [string, (first: number) => string[], number][] = [
        ['S3', s3Bodies, 50],
        ['S4', s4Bodies, 20],
        ['S5', s5Bodies, 0],
      ];
      for (const [screen, bodies, first] of more) {
        if (!runs(screen)) continue;
        progress(`${screen} as ${role}`);
        const target = { url: apiUrl, token, bodies: bodies(first), cpu: apiCpu };
        await load(target, 1);
        const rounds: Measured[] = [];
        for (let i = 0; i < ROUNDS; i++) rounds.push(await load(target, SECONDS));
        alone.push({ screen, role, api: medianOf(rounds) });
      }

      // Statements per request, at page 10 and 100, counted by MariaDB.
      const count = (url: string, body: string, n = 5) =>
        statementsPerRequest(
          serverUrl,
          n,
          async () => {
            await post(url, token, body);
          },
          Boolean(process.env.BENCH_TRACE_SQL),
        );
      for (const page of [10, 100]) {
        statements.push({
          screen: 'S1',
          role,
          page,
          api: await count(apiUrl, JSON.stringify({ query: s1Query, variables: { first: page } })),
          baseline: await count(`${baseline.url}/s1`, JSON.stringify({ first: page })),
        });
        statements.push({ screen: 'S3', role, page, api: await count(apiUrl, s3Bodies(page)[0]), baseline: null });
        statements.push({ screen: 'S4', role, page, api: await count(apiUrl, s4Bodies(page)[0]), baseline: null });
      }
      statements.push({
        screen: 'S2',
        role,
        page: null,
        api: await count(apiUrl, s2Api[0]),
        baseline: await count(`${baseline.url}/s2`, s2Base[0]),
      });
      statements.push({ screen: 'S5', role, page: null, api: await count(apiUrl, s5Bodies()[0]), baseline: null });
    }

    // S6 last: it writes. The analyst has no writes (a FORBIDDEN answer measures nothing), so a general manager only.
    if (runs('S6')) {
      const role: Role = 'general_manager';
      const token = tokens[role];
      const s6Body = (id: string) =>
        JSON.stringify({
          query: Q.createTrade,
          variables: {
            input: {
              customerId: id,
              kind: 'ORDER',
              paymentMethod: 'CASH',
              amount: '100.00',
              occurredAt: new Date().toISOString(),
            },
          },
        });
      progress('S6 as general_manager');
      const target = { url: apiUrl, token, bodies: s6Ids.map(s6Body), cpu: apiCpu };
      const rounds: Measured[] = [];
      for (let i = 0; i < ROUNDS; i++) rounds.push(await load(target, SECONDS));
      alone.push({ screen: 'S6', role, api: medianOf(rounds) });
      statements.push({
        screen: 'S6',
        role,
        page: null,
        api: await statementsPerRequest(serverUrl, 5, async () => void (await post(apiUrl, token, s6Body(s6Ids[0])))),
        baseline: null,
      });
    }
    const afterLoad = await memoryMiB(api);
    const afterGc = await memoryAfterGc(api);
    const baselineRss =
      ((await (await fetch(`${baseline.url}/cpu`)).json()) as { rssBytes: number }).rssBytes / 2 ** 20;
    await api.stop();
    api = undefined;
    progress('cold start on the embedded SQLite default');
    return {
      date: new Date().toISOString(),
      machine: benchMachine(db.version),
      customers: CUSTOMERS,
      seed: seeded,
      compared,
      alone,
      statements,
      rssAfterLoadMiB: afterLoad.rss,
      memory: { afterLoad, afterGc, baselineRss },
      coldStart: await coldStart(),
      settings: { rounds: ROUNDS, seconds: SECONDS, connections: Number(process.env.BENCH_CONNECTIONS ?? 8) },
    };
  } finally {
    await api?.stop();
    if (baseline) await stopChild(baseline.child);
    await db.stop();
  }
}
