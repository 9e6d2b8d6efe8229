import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { signToken } from '../../src/auth/jwt';
import { loadConfig } from '../../src/config/config';
import { startMariaDb } from '../support/mariadb';
import { freePort } from '../support/system';

/**
 * Write throughput against the round trip to the database (issue 20, Capacity). Every write
 * holds the change_sequence row lock from taking its seq until COMMIT (record-change.ts), so
 * writes/s over all instances together is at most 1 / (round trips under the lock × round
 * trip). The API runs as its own process on MariaDB (TEST_MYSQL_URL, or a throwaway server)
 * behind a TCP proxy in this process that holds back every packet to the database by 0, 1
 * or 10 ms: the round trip those add. BENCH_WRITERS clients (32) each rename a customer of
 * their own, so no two writes wait for the same record, only for the sequence.
 */
const SECRET = 'bench-secret-bench-secret-bench-secret';
const ID_SECRET = 'bench-id-secret-bench-id-secret-bench-id-secret';
const root = path.resolve(__dirname, '../../..');
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id version } }`;
const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }`;

export interface WritesResult {
  addedMs: number;
  writesPerSecond: number;
  writers: number;
}

/** A proxy that delays what the API sends by `delayMs` (in order), and what it gets back not at all. */
function delayingProxy(target: { host: string; port: number }) {
  const state = { delayMs: 0 };
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (chunk) => {
      // Timers of one duration fire in the order they were set: packets stay in order.
      if (state.delayMs === 0) upstream.write(chunk);
      else setTimeout(() => upstream.write(chunk), state.delayMs);
    });
    upstream.pipe(client);
    const close = () => (client.destroy(), upstream.destroy());
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  return { server, state };
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the API exited ${code}: ${out}`)));
  });
}

export async function benchWrites(seconds = 5, writers = 32, delays = [0, 1, 10]): Promise<WritesResult[]> {
  const own = process.env.TEST_MYSQL_URL ? null : await startMariaDb();
  const serverUrl = new URL(process.env.TEST_MYSQL_URL ?? own!.url);
  const database = `bench_writes_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: serverUrl.toString() });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const proxy = delayingProxy({ host: serverUrl.hostname, port: Number(serverUrl.port || 3306) });
  await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
  const proxyUrl = new URL(serverUrl.toString());
  proxyUrl.host = `127.0.0.1:${(proxy.server.address() as net.AddressInfo).port}`;
  proxyUrl.pathname = `/${database}`;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-writes-'));
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: proxyUrl.toString(),
    DATA_DIR: dataDir,
    JWT_SECRET: SECRET,
    ID_SECRET,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    // Enough connections that writers wait for the sequence lock, not for the pool.
    DB_POOL_SIZE: String(writers * 2),
  };
  const api = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], { cwd: root, env });
  const results: WritesResult[] = [];
  try {
    await waitFor(api, /ready at/);
    const token = await signToken(loadConfig({ JWT_SECRET: SECRET, DATA_DIR: dataDir }), 'bench-writer', [
      'general_manager',
    ]);
    const gql = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, { id: string; version: number }>; errors?: unknown[] };
      if (body.errors) throw new Error(`benchmark write failed: ${JSON.stringify(body.errors)}`);
      return body.data!;
    };
    const customers = await Promise.all(
      Array.from(
        { length: writers },
        async (_, i) =>
          (await gql(CREATE, { input: { name: `写入基准客户${i}`, kind: 'ENTERPRISE', region: 'EAST' } }))
            .createCustomer,
      ),
    );

    for (const addedMs of delays) {
      proxy.state.delayMs = addedMs;
      let running = true;
      let counting = false;
      let writes = 0;
      const loops = customers.map(async (c, i) => {
        for (let n = 0; running; n++) {
          c.version = (
            await gql(UPDATE, {
              input: { id: c.id, version: c.version, phone: `0571-${String(1_000_000 + i * 1000 + (n % 1000))}` },
            })
          ).updateCustomer.version;
          if (counting) writes++;
        }
      });
      // One second to fill the pool and warm up, then count.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      counting = true;
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      counting = false;
      const elapsed = (Date.now() - started) / 1000;
      running = false;
      await Promise.all(loops);
      results.push({ addedMs, writesPerSecond: writes / elapsed, writers });
    }
  } finally {
    api.kill('SIGINT');
    await new Promise((resolve) => api.once('exit', resolve));
    proxy.server.close();
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
    await own?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
