import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../../src/auth/roles';
import { sealId, useIdSecret } from '../../../src/common/global-id';
import { type ApiProcess, startApiProcess } from '../api-process';
import {
  apiMetric,
  type BenchDatabase,
  benchApiEnv,
  benchMachine,
  type BenchMachine,
  benchToken,
  gql,
  openBenchDatabase,
  post,
  type Seeded,
  seedDemo,
  usersIn,
} from '../bench-database';
import { BENCH_ID_SECRET } from '../bench-secrets';
import { load, type Measured, medianOf } from '../load';
import { statementsDuring } from '../statements';
import { type ExplainedStatement, explain, isCountStatement, isPageStatement } from './explain';
import { type Worklist, worklistQuery } from './queries';

/**
 * BENCH=cadence: issue 15's worklists at scale. Seeds BENCH_CUSTOMERS demo customers on
 * MariaDB, times `npm run jobs -- classify` over the whole table (twice: the first run moves
 * the seed's classes to the ranking's, the second is a scheduler's steady rerun), then loads
 * the API process with first and later pages of overdueFollowUps and decliningCustomers as a
 * sales rep (its own customers) and as a sales manager (each rep's in turn), counts the SQL
 * statements of each request and EXPLAINs the page statement. Absolute figures: the issue's
 * target is a p95 under 100 ms at a million customers. See report.ts for the table and JSON.
 */

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Requests in flight at once: a couple of people opening their worklist, on a 2-core machine. */
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 2);
const PAGE_SIZE = Number(process.env.BENCH_PAGE_SIZE ?? 20);
/** The later page measured is reached by `after` from this page's end cursor. */
const LATER_PAGE = Number(process.env.BENCH_LATER_PAGE ?? 10);
const progress = (msg: string) => process.stderr.write(`[bench cadence] ${msg}\n`);

export type Caller = 'sales_rep (own)' | 'sales_manager (one owner)';
export type PageKind = 'first' | `page ${number}` | 'first + totalCount';

export interface Cell {
  query: Worklist;
  caller: Caller;
  page: PageKind;
  measured: Measured;
  /** 1-minute load average when the cell started and ended. */
  load: [number, number];
  statements: number;
  /** The page statement (and the count's, when asked) of one request, explained. */
  explained: ExplainedStatement[];
}

export interface ClassifyRun {
  seconds: number;
  output: string;
}

export interface CadenceResult {
  date: string;
  machine: BenchMachine;
  customers: number;
  seed: Seeded | null;
  /** What the worklists have to find: per sales rep, its customers and how many are on each list now. */
  data: { reps: number; customersPerRep: number; overduePerRep: number; decliningPerRep: number; classes: string };
  classify: ClassifyRun[];
  cells: Cell[];
  loadAverage: { start: number[]; end: number[] };
  settings: { rounds: number; seconds: number; connections: number; pageSize: number; laterPage: number };
}

/** `npm run jobs -- classify` as a scheduler runs it: its own process, timed from spawn to exit. */
async function classify(databaseUrl: string): Promise<ClassifyRun> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [path.join(__dirname, '../../../src/jobs/jobs.cli.js'), 'classify'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`npm run jobs -- classify exited with ${code}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  progress(`classify: ${seconds.toFixed(1)} s, ${output.trim()}`);
  return { seconds, output: output.trim() };
}

/** How much each list holds for a rep, so the reader knows what a page is the head of. */
async function dataShape(db: BenchDatabase, reps: number[]): Promise<CadenceResult['data']> {
  const count = async (sql: string) =>
    Number(((await db.admin.query(sql, [reps[0]])) as unknown as [{ n: unknown }[]])[0][0].n);
  const [classes] = (await db.admin.query(
    "SELECT abc_class AS c, COUNT(*) AS n FROM customer WHERE status = 'ACTIVE' GROUP BY abc_class ORDER BY abc_class",
  )) as unknown as [{ c: string; n: unknown }[]];
  return {
    reps: reps.length,
    customersPerRep: await count('SELECT COUNT(*) AS n FROM customer WHERE owner_id = ?'),
    overduePerRep: await count(
      "SELECT COUNT(*) AS n FROM customer WHERE owner_id = ? AND status = 'ACTIVE' AND follow_up_due_at <= NOW(3)",
    ),
    decliningPerRep: await count(
      "SELECT COUNT(*) AS n FROM customer WHERE owner_id = ? AND status = 'ACTIVE' AND next_purchase_due_at <= NOW(3)",
    ),
    classes: classes.map((r) => `${r.c} ${Number(r.n).toLocaleString()}`).join(', '),
  };
}

interface Plan {
  query: Worklist;
  caller: Caller;
  page: PageKind;
  token: string;
  bodies: string[];
}

/** The end cursor of page `page` of one worklist, walked with `after` as a client would. */
async function cursorAt(url: string, token: string, query: Worklist, ownerId: string | undefined, page: number) {
  let after: string | null = null;
  for (let i = 1; i < page; i++) {
    const data = await gql(url, token, worklistQuery(query), { ownerId, first: PAGE_SIZE, after });
    const { pageInfo } = data[query] as { pageInfo: { hasNextPage: boolean; endCursor: string } };
    if (!pageInfo.hasNextPage) throw new Error(`${query} has fewer than ${page} pages of ${PAGE_SIZE}`);
    after = pageInfo.endCursor;
  }
  return after;
}

async function plans(api: ApiProcess, reps: number[], repToken: string, managerToken: string): Promise<Plan[]> {
  const out: Plan[] = [];
  const body = (query: Worklist, ownerId: string | undefined, after: string | null, count = false) =>
    JSON.stringify({ query: worklistQuery(query, count), variables: { ownerId, first: PAGE_SIZE, after } });
  const owners = reps.map((id) => sealId('User', id));
  for (const query of ['overdueFollowUps', 'decliningCustomers'] as Worklist[]) {
    const later: PageKind = `page ${LATER_PAGE}`;
    const repCursor = await cursorAt(api.url, repToken, query, undefined, LATER_PAGE);
    const ownerCursors = await Promise.all(owners.map((o) => cursorAt(api.url, managerToken, query, o, LATER_PAGE)));
    const rep = { query, caller: 'sales_rep (own)' as Caller, token: repToken };
    const manager = { query, caller: 'sales_manager (one owner)' as Caller, token: managerToken };
    out.push(
      { ...rep, page: 'first', bodies: [body(query, undefined, null)] },
      { ...rep, page: later, bodies: [body(query, undefined, repCursor)] },
      { ...rep, page: 'first + totalCount', bodies: [body(query, undefined, null, true)] },
      // The manager's requests name each rep in turn: one owner per request, every owner's range warm.
      { ...manager, page: 'first', bodies: owners.map((o) => body(query, o, null)) },
      { ...manager, page: later, bodies: owners.map((o, i) => body(query, o, ownerCursors[i])) },
    );
  }
  return out;
}

async function measure(api: ApiProcess, db: BenchDatabase, plan: Plan): Promise<Cell> {
  progress(`${plan.query} as ${plan.caller}, ${plan.page}: ${ROUNDS} rounds of ${SECONDS} s`);
  const target = {
    url: api.url,
    token: plan.token,
    bodies: plan.bodies,
    cpu: () => apiMetric(api.baseUrl, 'process_cpu_seconds_total'),
  };
  const loadBefore = os.loadavg()[0];
  await load(target, 1, CONNECTIONS);
  const rounds: Measured[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await load(target, SECONDS, CONNECTIONS));
  const loadAfter = os.loadavg()[0];
  // One request alone, as the database saw it: its statements, and the plan of the page (and count) statement.
  let answer: Awaited<ReturnType<typeof post>> | undefined;
  const texts = await statementsDuring(db.serverUrl, async () => {
    answer = await post(api.url, plan.token, plan.bodies[0]);
  });
  if (answer?.errors) throw new Error(`${plan.query} answered errors: ${JSON.stringify(answer.errors).slice(0, 300)}`);
  const explained: ExplainedStatement[] = [];
  for (const sql of texts.filter((t) => isPageStatement(t) || isCountStatement(t)))
    explained.push(await explain(db.admin, sql));
  return {
    query: plan.query,
    caller: plan.caller,
    page: plan.page,
    measured: medianOf(rounds),
    load: [loadBefore, loadAfter],
    statements: texts.length,
    explained,
  };
}

export async function benchCadence(): Promise<CadenceResult> {
  useIdSecret(BENCH_ID_SECRET);
  const loadStart = os.loadavg();
  const db = await openBenchDatabase('bench_cadence');
  let api: ApiProcess | undefined;
  try {
    const seeded = await seedDemo(db.databaseUrl, CUSTOMERS, progress);
    const runs = [await classify(db.databaseUrl), await classify(db.databaseUrl)];
    const reps = await usersIn(db.admin, 'sales_rep' as Role);
    const data = await dataShape(db, reps);
    progress(
      `per rep: ${data.customersPerRep} customers, ${data.overduePerRep} overdue, ${data.decliningPerRep} declining`,
    );
    const repToken = await benchToken('sales_rep', reps[0]);
    const managerToken = await benchToken('sales_manager', (await usersIn(db.admin, 'sales_manager'))[0]);
    api = await startApiProcess({ env: benchApiEnv(db.databaseUrl), profileDir: process.env.BENCH_PROFILE });
    const cells: Cell[] = [];
    for (const plan of await plans(api, reps, repToken, managerToken)) cells.push(await measure(api, db, plan));
    return {
      date: new Date().toISOString(),
      machine: benchMachine(db.version),
      customers: CUSTOMERS,
      seed: seeded,
      data,
      classify: runs,
      cells,
      loadAverage: { start: loadStart, end: os.loadavg() },
      settings: {
        rounds: ROUNDS,
        seconds: SECONDS,
        connections: CONNECTIONS,
        pageSize: PAGE_SIZE,
        laterPage: LATER_PAGE,
      },
    };
  } finally {
    await api?.stop();
    await db.stop();
  }
}
