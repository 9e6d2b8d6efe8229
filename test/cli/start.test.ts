import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createTestDatabase } from '../support/db';
import { makeComplaint, makeCustomer, makeUser } from '../support/factories';
import { RoleName } from '../../src/auth/roles';
import { Complaint } from '../../src/complaints/complaint.entity';
import { LEDGER_AMOUNT } from '../../src/trades/trade-stats';

/**
 * The newcomer's path, as processes: build, `npm start`'s entry point on an empty data
 * folder, the token CLI, SIGTERM; and the seed CLI on MySQL. Slow-ish (one tsc build).
 * The build goes to a temporary folder with `npm run build`'s own settings, so the test never
 * rewrites the checkout's dist/ under a developer's running server.
 */
const root = path.resolve(__dirname, '../..');
const node = process.execPath;
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

/** A folder holding tsconfig.json (extending src/tsconfig.build.json), its dist/ and a link to node_modules. */
function buildFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-build-'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const config = {
    extends: path.join(root, 'src/tsconfig.build.json'),
    compilerOptions: { outDir: path.join(dir, 'dist'), tsBuildInfoFile: path.join(dir, 'dist/.tsbuildinfo') },
    include: [path.join(root, 'src'), path.join(root, 'migrations')],
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(config));
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (pattern.test(out)) resolve(out);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before ${pattern}: ${out}`)));
  });
}

const exitCode = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('command line', () => {
  let dataDir: string;
  let build: string;
  const compile = (...args: string[]) =>
    execFileSync(node, [tsc, '-b', path.join(build, 'tsconfig.json'), ...args], { cwd: build, stdio: 'pipe' });
  beforeAll(() => {
    build = buildFolder();
    compile();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-start-'));
  }, 180_000);
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(build, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    JWT_SECRET: '',
    ...extra,
  });
  const token = (role: string) =>
    execFileSync(node, ['dist/src/demo/token.cli.js', '--role', role], { cwd: build, env: env() }).toString();

  it('npm run token does not compile again when nothing changed (tsc -b with the build settings checks what is up to date)', () => {
    const out = compile('--verbose').toString();
    expect(out).toMatch(/is up to date/);
  });

  it('token prints one JWT and nothing else; an unknown role is refused with usage', () => {
    const out = token('finance');
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = JSON.parse(Buffer.from(out.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: '4', roles: ['finance'] });
    expect(fs.statSync(path.join(dataDir, 'jwt-secret')).mode & 0o077).toBe(0);
    expect(() =>
      execFileSync(node, ['dist/src/demo/token.cli.js', '--role', 'boss'], { cwd: build, env: env(), stdio: 'pipe' }),
    ).toThrow(/usage/);
  });

  it('starts on an empty folder with demo data, serves a token holder, and exits 0 on SIGTERM after finishing a request', async () => {
    const port = await freePort();
    const child = spawn(node, ['dist/src/main.js'], {
      cwd: build,
      env: env({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'debug', SHUTDOWN_GRACE_MS: '0' }),
    });
    try {
      const banner = await waitFor(child, /ready at/);
      expect(banner).toContain(`http://127.0.0.1:${port}/graphql`);
      // The banner says the API is ready: every line about migrations and demo data comes before it.
      expect(banner.indexOf('demo data created')).toBeGreaterThan(-1);
      expect(banner.indexOf('demo data created')).toBeLessThan(banner.indexOf('ready at'));
      expect(banner).toContain('npm run --silent token');
      expect(fs.existsSync(path.join(dataDir, 'crm.sqlite'))).toBe(true);
      // Personal data: the database and its WAL files are the owner's only, like the JWT secret.
      for (const file of ['crm.sqlite', 'crm.sqlite-wal', 'crm.sqlite-shm'])
        expect([file, fs.statSync(path.join(dataDir, file)).mode & 0o777]).toEqual([file, 0o600]);

      const ask = (query: string) =>
        fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token('sales_manager').trim()}` },
          body: JSON.stringify({ query }),
        });
      const classes = (await (
        await ask(
          '{ a: customers(filter: { abcClass: [A] }) { totalCount } b: customers(filter: { abcClass: [B] }) { totalCount } c: customers(filter: { abcClass: [C] }) { totalCount } }',
        )
      ).json()) as {
        data: Record<'a' | 'b' | 'c', { totalCount: number }>;
      };
      const { a, b, c } = classes.data;
      expect(a.totalCount + b.totalCount + c.totalCount).toBe(300);
      for (const n of [a, b, c]) expect(n.totalCount).toBeGreaterThan(20);

      // SIGTERM once the server has the request in hand (its debug log says so), not before.
      const started = waitFor(child, /graphql request started/);
      const inFlight = ask(
        '{ customers(first: 100) { edges { node { name contacts(first: 3) { edges { node { name } } } trades(first: 5) { edges { node { amount } } } } } } }',
      );
      await started;
      child.kill('SIGTERM');
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(
        ((await answered.json()) as { data: { customers: { edges: unknown[] } } }).data.customers.edges,
      ).toHaveLength(100);
      expect(await exitCode(child)).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);

  it('drains on SIGTERM under load: /readyz turns 503, every request sent is answered, WebSockets get 1001, exit 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(node, ['dist/src/main.js'], {
      cwd: build,
      env: env({ PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_GRACE_MS: '10000' }),
    });
    const exited = exitCode(child);
    try {
      await waitFor(child, /ready at/);
      const bearer = `Bearer ${token('sales_manager').trim()}`;
      const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: bearer } }));
      await new Promise((resolve) => socket.once('message', resolve));

      // Traffic as a load balancer sends it: it polls /readyz and stops sending once it says
      // 503, though each client still sends a few requests after that (its reaction time).
      let unready = false;
      const outcomes: string[] = [];
      let answeredAfterUnready = 0;
      let loaded: () => void;
      const underLoad = new Promise<void>((resolve) => (loaded = resolve));
      const client = async () => {
        for (let late = 3; !unready || late-- > 0;) {
          const sentAfterUnready = unready;
          try {
            const res = await fetch(`${base}/graphql`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: bearer },
              body: JSON.stringify({ query: '{ customers(first: 5) { edges { node { name } } } }' }),
            });
            const body = (await res.json()) as { data?: unknown };
            outcomes.push(res.status === 200 && body.data ? 'answered' : `${res.status} ${JSON.stringify(body)}`);
            if (sentAfterUnready) answeredAfterUnready++;
          } catch (err) {
            outcomes.push(`failed: ${String((err as { cause?: unknown }).cause ?? err)}`);
          }
          if (outcomes.length >= 40) loaded();
        }
      };
      const clients = Array.from({ length: 8 }, client);
      await underLoad;
      child.kill('SIGTERM');
      while ((await fetch(`${base}/readyz`)).status === 200) await new Promise((resolve) => setTimeout(resolve, 10));
      unready = true;
      await Promise.all(clients);

      expect(outcomes.filter((o) => o !== 'answered')).toEqual([]);
      expect(answeredAfterUnready).toBeGreaterThanOrEqual(8 * 3);
      expect(await closed).toBe(1001);
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);

  it('migrate and seed create the SQLite database readable by its owner only', () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-cli-'));
    try {
      const run = (cli: string, ...args: string[]) =>
        execFileSync(node, [cli, ...args], { cwd: build, env: env({ DATA_DIR: path.join(own, 'data') }) }).toString();
      expect(run('dist/src/db/migrate.cli.js')).toMatch(/applied/);
      expect(fs.statSync(path.join(own, 'data', 'crm.sqlite')).mode & 0o777).toBe(0o600);
      fs.rmSync(path.join(own, 'data'), { recursive: true });
      expect(run('dist/src/demo/seed.cli.js', '--customers', '3')).toMatch(/wrote 3 customers/);
      expect(fs.statSync(path.join(own, 'data', 'crm.sqlite')).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('refuses a bad configuration with a message naming the variable', () => {
    let stderr = '';
    try {
      execFileSync(node, ['dist/src/main.js'], {
        cwd: build,
        env: env({ PORT: 'not-a-port', DATABASE_URL: 'postgres://x' }),
        stdio: 'pipe',
      });
    } catch (err) {
      stderr = String((err as { stderr: Buffer }).stderr);
    }
    expect(stderr).toMatch(/PORT/);
    expect(stderr).toMatch(/DATABASE_URL: must look like mysql:\/\//);
  });

  it('seeds MySQL idempotently, showing progress', async () => {
    const db = await createTestDatabase('mysql', { migrate: false });
    try {
      const seed = () =>
        execFileSync(node, ['dist/src/demo/seed.cli.js', '--customers', '700'], {
          cwd: build,
          env: env({ DATABASE_URL: db.databaseUrl! }),
        }).toString();
      expect(seed()).toMatch(/700 \/ 700 customers[\s\S]*wrote 700 customers/);
      const count = async (table: string) => Number((await db.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
      const before = {
        customers: await count('customer'),
        contacts: await count('contact'),
        trades: await count('trade'),
      };
      expect(before.customers).toBe(700);
      expect(before.contacts).toBeGreaterThan(700);
      // Demo balances are what the ledger recomputes: the opening balance plus credit orders minus payments.
      const off = await db.ds.query(
        `SELECT COUNT(*) AS n FROM customer c WHERE c.outstanding_balance <> ROUND(c.opening_balance + (SELECT COALESCE(SUM(${LEDGER_AMOUNT}), 0) FROM trade t WHERE t.customer_id = c.id), 2)`,
      );
      expect(Number(off[0].n)).toBe(0);
      expect(seed()).toMatch(/nothing to do/);
      expect({
        customers: await count('customer'),
        contacts: await count('contact'),
        trades: await count('trade'),
      }).toEqual(before);
    } finally {
      await db.drop();
    }
  }, 120_000);

  it('runs scheduled jobs by name: escalate-complaints escalates what is overdue, an unknown job gets the usage', async () => {
    const db = await createTestDatabase('mysql');
    try {
      const gm = await makeUser(db.ds, RoleName.GENERAL_MANAGER);
      const customer = await makeCustomer(db.ds);
      const late = await makeComplaint(db.ds, customer.id, { dueAt: new Date(Date.now() - 60_000) });
      const job = (name: string) =>
        execFileSync(node, ['dist/src/jobs/jobs.cli.js', name], {
          cwd: build,
          env: env({ DATABASE_URL: db.databaseUrl! }),
          stdio: 'pipe',
        }).toString();
      expect(job('escalate-complaints')).toBe('escalate-complaints: escalated 1 overdue complaint(s)\n');
      expect(await db.ds.getRepository(Complaint).findOneByOrFail({ id: late.id })).toMatchObject({
        escalatedToId: gm.id,
      });
      expect(job('escalate-complaints')).toBe('escalate-complaints: escalated 0 overdue complaint(s)\n');
      let failed: { status: number; stderr: Buffer } | undefined;
      try {
        job('classify-everything');
      } catch (err) {
        failed = err as { status: number; stderr: Buffer };
      }
      expect(failed?.status).toBe(2);
      expect(String(failed?.stderr)).toMatch(
        /unknown job: classify-everything[\s\S]*usage: npm run jobs -- <job>[\s\S]*escalate-complaints/,
      );
    } finally {
      await db.drop();
    }
  }, 60_000);
});
