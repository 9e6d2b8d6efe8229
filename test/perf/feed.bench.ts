import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { signToken } from '../../src/auth/jwt';
import { loadConfig } from '../../src/config/config';
import { seqOf } from '../../src/changes/hydrate';
import { useIdSecret } from '../../src/common/global-id';
import { startApiProcess } from './api-process';
import { BENCH_ID_SECRET, BENCH_JWT_SECRET } from './bench-secrets';

/**
 * The change feed under load: the API runs as its own process (`node dist/src/main.js`,
 * SQLite with the demo data) while this process holds N subscribers, half partners (with
 * an API key: no A-class events) and half general managers (everything), and writes 100
 * customer changes per second through the API. Latency is commit-to-delivery: receipt time
 * minus the event's occurredAt, which the writing transaction sets just before it commits
 * (so the figure slightly over-states it). Clients are raw graphql-transport-ws sockets that
 * read only what they measure, to leave the CPU to the server.
 */
/** Of every ten subscribers, how many are partners (the rest general managers); BENCH_PARTNERS=10 for partners only. */
const PARTNER_TENTHS = Number(process.env.BENCH_PARTNERS ?? 5);
const SECRET = BENCH_JWT_SECRET;
/** The API's id key, known here too so the benchmark can read each event's seq off its cursor. */
const ID_SECRET = BENCH_ID_SECRET;
useIdSecret(ID_SECRET);
const SUBSCRIPTION = `subscription { recordChanged(types: [CUSTOMER]) {
  cursor operation changedFields occurredAt record { id ... on Customer { name abcClass region city } } } }`;
const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }`;

export interface FeedLevel {
  subscribers: number;
  events: number;
  expected: number;
  delivered: number;
  lost: number;
  duplicates: number;
  p50: number;
  p99: number;
  max: number;
  /** Server heap and RSS growth per connected idle subscriber, bytes (no forced GC: approximate). */
  heapPerIdle: number;
  rssPerIdle: number;
  /** CPU while writing, in % of one core: the API process, and this process's clients. */
  apiCpu: number;
  clientCpu: number;
}

interface Target {
  id: string;
  version: number;
  classA: boolean;
  busy: boolean;
}

interface Server {
  url: string;
  child: ChildProcess;
  dir: string;
}

async function startServer(): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-feed-'));
  // BENCH_PROFILE=dir writes the API's CPU profile there, to see where the time goes.
  const api = await startApiProcess({
    env: { DATA_DIR: dir, JWT_SECRET: SECRET, ID_SECRET, DATABASE_URL: '', METRICS_TOKEN: SECRET },
    profileDir: process.env.BENCH_PROFILE,
    nodeFlags: ['--expose-gc', '-r', path.join(__dirname, 'gc-on-signal.js')],
  });
  return { url: api.url, child: api.child, dir };
}

async function gql<T>(
  url: string,
  authorization: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Heap used, RSS and CPU seconds of the API; with `gc`, after a full collection (gc-on-signal.ts). */
async function serverMemory(server: Server, gc = false): Promise<{ heap: number; rss: number; cpu: number }> {
  if (gc) {
    server.child.kill('SIGUSR2');
    await sleep(500);
  }
  const url = server.url;
  const text = await (
    await fetch(url.replace('/graphql', '/metrics'), { headers: { authorization: `Bearer ${SECRET}` } })
  ).text();
  const read = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    heap: read('nodejs_heap_size_used_bytes'),
    rss: read('process_resident_memory_bytes'),
    cpu: read('process_cpu_seconds_total'),
  };
}

/** `seen[seq]` is 1 once that event arrived (grown as seqs grow): a duplicate is found wherever it comes in order. */
interface Subscriber {
  socket: WebSocket;
  partner: boolean;
  seen: Uint8Array;
  received: number;
}

/** The ASCII text after `marker` up to the next quote, read straight from the message's bytes. */
function between(raw: Buffer, marker: Buffer): string | null {
  const start = raw.indexOf(marker);
  if (start < 0) return null;
  const from = start + marker.length;
  return raw.toString('latin1', from, raw.indexOf(QUOTE, from));
}
const QUOTE = 0x22;
const CURSOR = Buffer.from('"cursor":"');
const OCCURRED_AT = Buffer.from('"occurredAt":"');
const ACK = Buffer.from('"connection_ack"');

/** Every subscriber gets the same events: each cursor's seq and commit time are decoded once, from the first copy. */
const events = new Map<string, { seq: number; at: number }>();
function eventOf(raw: Buffer, cursor: string): { seq: number; at: number } {
  let event = events.get(cursor);
  if (event) return event;
  const at = between(raw, OCCURRED_AT);
  if (!at) throw new Error(`no occurredAt in: ${raw.toString().slice(0, 300)}`);
  event = { seq: seqOf(cursor)!, at: Date.parse(at) };
  events.set(cursor, event);
  return event;
}

/** Latencies by whole millisecond: a million deliveries cost the clients no growing array and no sort. */
class Histogram {
  private readonly counts = new Uint32Array(60_001);
  size = 0;
  max = NaN;
  add(ms: number): void {
    this.counts[Math.min(60_000, Math.max(0, ms))]++;
    this.size++;
    if (!(ms <= this.max)) this.max = ms;
  }
  /** The value at rank floor(p% of n), as a sorted list would give it. */
  percentile(p: number): number {
    const rank = Math.min(this.size - 1, Math.floor((p / 100) * this.size));
    for (let ms = 0, below = 0; ms < this.counts.length; ms++) if ((below += this.counts[ms]) > rank) return ms;
    return NaN;
  }
}

/** One raw graphql-transport-ws socket with one subscription; hands each event's seq and latency to `onEvent`. */
function subscribe(
  wsUrl: string,
  authorization: string,
  partner: boolean,
  onEvent: (s: Subscriber, seq: number, latency: number) => void,
): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    // The messages are JSON from our own server: checking their UTF-8 would only cost client CPU.
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws', { skipUTF8Validation: true });
    const sub: Subscriber = { socket, partner, seen: new Uint8Array(1 << 14), received: 0 };
    let subscribed = false;
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`socket closed with ${code}`)));
    socket.on('message', (raw: Buffer) => {
      const now = Date.now();
      if (!subscribed && raw.includes(ACK)) {
        subscribed = true;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
        resolve(sub);
        return;
      }
      // The clients share this machine with the API: read only the values measured.
      const cursor = between(raw, CURSOR);
      if (!cursor) throw new Error(`unexpected message: ${raw.toString().slice(0, 300)}`);
      const event = eventOf(raw, cursor);
      onEvent(sub, event.seq, now - event.at);
    });
  });
}

const progress = (msg: string) => process.stderr.write(`[bench feed] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Who subscribes: the writer's token, one token per general-manager subscriber (each its own user), and the partners' API key. */
interface Credentials {
  writer: string;
  managers: string[];
  partnerKey: string;
}

/** Counts the levels run, so no write sets a name a customer already has (an update that changes nothing is no event). */
let levelsRun = 0;

async function level(
  server: Server,
  targets: Target[],
  who: Credentials,
  n: number,
  seconds: number,
  rate: number,
): Promise<FeedLevel> {
  const run = ++levelsRun;
  const wsUrl = server.url.replace(/^http/, 'ws');
  const latencies = new Histogram();
  const trace: Record<number, Histogram> = {};
  let duplicates = 0;
  const onEvent = (s: Subscriber, seq: number, latency: number) => {
    if (seq >= s.seen.length) {
      const grown = new Uint8Array(Math.max(seq + 1, s.seen.length * 2));
      grown.set(s.seen);
      s.seen = grown;
    }
    if (s.seen[seq]) duplicates++;
    else s.received++;
    s.seen[seq] = 1;
    latencies.add(latency);
    if (process.env.BENCH_TRACE) (trace[Math.floor(Date.now() / 1000)] ??= new Histogram()).add(latency);
  };
  const before = await serverMemory(server, true);
  const subs: Subscriber[] = [];
  // Connect in groups, as real clients trickle in, without an init storm.
  for (let i = 0; i < n; i += 50) {
    const group = Array.from({ length: Math.min(50, n - i) }, (_, k) => (i + k) % 10 < PARTNER_TENTHS);
    subs.push(
      ...(await Promise.all(
        group.map((partner, k) =>
          subscribe(wsUrl, partner ? `ApiKey ${who.partnerKey}` : `Bearer ${who.managers[i + k]}`, partner, onEvent),
        ),
      )),
    );
  }
  await sleep(1000);
  const idle = await serverMemory(server, true);
  progress(`${n} subscribers connected; writing ${seconds * rate} changes`);

  // Writes at a fixed pace; a customer is written again only after its last write returned.
  const written: { classA: boolean }[] = [];
  const writes: Promise<void>[] = [];
  const start = Date.now();
  const clientCpu = process.cpuUsage();
  let next = 0;
  for (let k = 0; k < seconds * rate; k++) {
    const due = start + (k * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    let target = targets[next++ % targets.length];
    for (let tried = 1; target.busy; tried++) {
      // Every customer has a write in flight: the server is behind; wait rather than spin.
      if (tried % targets.length === 0) await sleep(5);
      target = targets[next++ % targets.length];
    }
    target.busy = true;
    const entry = { classA: target.classA };
    written.push(entry);
    writes.push(
      gql<{ updateCustomer: { version: number } }>(server.url, `Bearer ${who.writer}`, RENAME, {
        input: { id: target.id, version: target.version, shortName: `压测客户-${run}-${k}` },
      })
        .then((d) => {
          target.version = d.updateCustomer.version;
        })
        .finally(() => {
          target.busy = false;
        }),
    );
  }
  await Promise.all(writes);
  const busy = await serverMemory(server);
  const client = process.cpuUsage(clientCpu);
  const wall = (Date.now() - start) / 1000;
  const apiCpu = ((busy.cpu - idle.cpu) / wall) * 100;
  const benchCpu = ((client.user + client.system) / 1e6 / wall) * 100;
  progress(
    `writes done in ${Date.now() - start} ms (API CPU ${apiCpu.toFixed(0)}%, clients ${benchCpu.toFixed(0)}%); waiting for deliveries`,
  );

  // Expected: every event of the run to every general manager, the non-A ones to partners too.
  const nonA = written.filter((w) => !w.classA).length;
  const expected = subs.reduce((sum, s) => sum + (s.partner ? nonA : written.length), 0);
  const delivered = () => subs.reduce((sum, s) => sum + s.received, 0);
  const deadline = Date.now() + 30_000;
  while (delivered() < expected && Date.now() < deadline) await sleep(100);
  // A little longer, so that anything delivered twice or beyond the expected shows up too.
  await sleep(500);
  for (const s of subs) s.socket.removeAllListeners('close');
  for (const s of subs) s.socket.close();
  await sleep(500);
  // BENCH_TRACE=1: latency per second of the run, to tell a growing backlog from a steady delay.
  for (const [sec, l] of Object.entries(trace)) {
    progress(`${sec}: ${l.size} deliveries, p50 ${l.percentile(50)} ms, p99 ${l.percentile(99)} ms`);
  }
  return {
    subscribers: n,
    events: written.length,
    expected,
    delivered: delivered(),
    lost: expected - delivered(),
    duplicates,
    p50: latencies.percentile(50),
    p99: latencies.percentile(99),
    max: latencies.max,
    heapPerIdle: (idle.heap - before.heap) / n,
    rssPerIdle: (idle.rss - before.rss) / n,
    apiCpu,
    clientCpu: benchCpu,
  };
}

export async function benchFeed(
  levels = (process.env.BENCH_LEVELS ?? '100,1000').split(',').map(Number),
  seconds = Number(process.env.BENCH_SECONDS_FEED ?? 10),
  rate = Number(process.env.BENCH_RATE ?? 100),
): Promise<FeedLevel[]> {
  const server = await startServer();
  try {
    const config = loadConfig({ JWT_SECRET: SECRET, DATA_DIR: server.dir });
    const gm = await signToken(config, '1', ['general_manager']);
    const { createPartnerKey } = await gql<{ createPartnerKey: { key: string } }>(
      server.url,
      `Bearer ${gm}`,
      `mutation { createPartnerKey(name: "bench") { key } }`,
    );
    const targets: Target[] = [];
    for (let after: string | null = null; ;) {
      type Page = {
        customers: {
          edges: { node: { id: string; version: number; abcClass: string } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const page: Page = await gql<Page>(
        server.url,
        `Bearer ${gm}`,
        `query($after: String) { customers(first: 100, after: $after) { edges { node { id version abcClass } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      targets.push(
        ...page.customers.edges.map(({ node }) => ({
          id: node.id,
          version: node.version,
          classA: node.abcClass === 'A',
          busy: false,
        })),
      );
      if (!page.customers.pageInfo.hasNextPage) break;
      after = page.customers.pageInfo.endCursor;
    }
    // A short unmeasured round first: the API's first seconds (JIT, lazy loading) are not its steady state.
    // Every general manager subscribes with a token of their own, as people do: their credentials
    // are checked and their reads audited one by one, though they share one view. Their subjects
    // are not employee ids (a numeric one must name an employee, and the demo has few).
    const managers = await Promise.all(
      Array.from({ length: Math.max(50, ...levels) }, (_, i) =>
        signToken(config, `gm-${1000 + i}`, ['general_manager']),
      ),
    );
    const who: Credentials = { writer: gm, managers, partnerKey: createPartnerKey.key };
    await level(server, targets, who, 50, 3, rate);
    const results: FeedLevel[] = [];
    for (const n of levels) results.push(await level(server, targets, who, n, seconds, rate));
    return results;
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    fs.rmSync(server.dir, { recursive: true, force: true });
  }
}
