/**
 * A throwaway MariaDB/MySQL server for the test suite: started from the binary on PATH
 * (or /usr/sbin, /usr/local/sbin, /usr/local/mysql/bin) in a fresh temp directory, on
 * 127.0.0.1 and a free port, with its own socket, pid file and datadir. Nothing of the
 * machine's own configuration is read (--no-defaults) and nothing is written outside the
 * temp directory; stop() shuts the server down and removes the directory.
 *
 * Where no server is installed the error says what to install: installing is .ci/run's job
 * (or the developer's), never the tests'.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { freePort, isRoot, run, SEARCH_DIRS, which } from './system';

export interface MariaDbHandle {
  /** Server URL without a database, e.g. mysql://root@127.0.0.1:41234/ */
  url: string;
  /** Milliseconds from the call to the first accepted connection. */
  startupMs: number;
  /**
   * Sends the server process a signal, synchronously: SIGSTOP freezes it (connections stay
   * open, nothing answers), SIGCONT thaws it, SIGKILL stops it dead. Only on a server of
   * your own: the suite's shared one serves every other test.
   */
  signal(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

interface ServerBinary {
  server: string;
  flavor: 'mariadb' | 'mysql';
  version: string;
}

async function findServer(): Promise<ServerBinary | undefined> {
  const server = which('mariadbd') ?? which('mysqld');
  if (!server) return undefined;
  const { output } = await run(server, ['--no-defaults', '--version']);
  return { server, flavor: /mariadb/i.test(output) ? 'mariadb' : 'mysql', version: output.trim() };
}

const INSTALL_HINT =
  'No MariaDB/MySQL server found (looked for mariadbd/mysqld on PATH and in /usr/sbin): ' +
  'install one (Debian/Ubuntu: apt-get install mariadb-server; macOS: brew install mariadb) ' +
  'or set TEST_MYSQL_URL=mysql://user:pass@host:3306/ to a server where the tests may create databases; .ci/run installs what the tests need.';

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function initDatadir(bin: ServerBinary, dir: string, datadir: string): Promise<void> {
  const userArgs = isRoot() ? ['--user=root'] : [];
  let cmd: string;
  let args: string[];
  if (bin.flavor === 'mariadb') {
    const binDir = path.dirname(bin.server);
    const extra = [binDir, path.join(binDir, '..', 'bin'), path.join(binDir, '..', 'scripts'), ...SEARCH_DIRS];
    const installer = which('mariadb-install-db', extra) ?? which('mysql_install_db', extra);
    if (!installer)
      throw new Error(
        `Found ${bin.server} but neither mariadb-install-db nor mysql_install_db to initialize a datadir.`,
      );
    cmd = installer;
    args = [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--skip-name-resolve',
      ...userArgs,
      // Passed through to the bootstrap server: smaller files, faster start.
      '--innodb-log-file-size=16M',
      '--innodb-buffer-pool-size=64M',
    ];
  } else {
    cmd = bin.server;
    args = [
      '--no-defaults',
      '--initialize-insecure',
      `--datadir=${datadir}`,
      ...userArgs,
      '--log-error=' + path.join(dir, 'init.log'),
    ];
  }
  const { code, output } = await run(cmd, args);
  if (code !== 0) {
    throw new Error(
      `Initializing a MariaDB/MySQL datadir failed (${cmd} exited ${code}):\n${output.slice(-2000)}${tail(path.join(dir, 'init.log'))}`,
    );
  }
}

function serverArgs(bin: ServerBinary, dir: string, datadir: string, port: number): string[] {
  const args = [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--tmpdir=${dir}`,
    `--socket=${path.join(dir, 'mysqld.sock')}`,
    `--pid-file=${path.join(dir, 'mysqld.pid')}`,
    `--log-error=${path.join(dir, 'error.log')}`,
    '--bind-address=127.0.0.1',
    `--port=${port}`,
    '--skip-name-resolve',
    '--skip-log-bin',
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    '--default-time-zone=+00:00',
    '--max-connections=500',
    '--innodb-flush-log-at-trx-commit=2',
    '--innodb-buffer-pool-size=64M',
    '--innodb-log-file-size=16M',
    '--innodb-doublewrite=0',
    '--sync-binlog=0',
    '--performance-schema=OFF',
    // io_uring/libaio are often unavailable in containers; the simulated AIO always works.
    '--innodb-use-native-aio=0',
  ];
  if (isRoot()) args.push('--user=root');
  if (bin.flavor === 'mysql') args.push('--mysqlx=OFF', '--innodb-flush-method=O_DIRECT_NO_FSYNC');
  return args;
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string, deadline: number): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`MariaDB/MySQL exited during startup (${child.exitCode ?? child.signalCode}):\n${tail(logFile)}`);
    }
    try {
      const conn = await mysql.createConnection({ uri: url, connectTimeout: 2000 });
      await conn.query('SELECT 1');
      await conn.end();
      return;
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(
    `MariaDB/MySQL did not accept connections within ${STARTUP_TIMEOUT_MS / 1000}s (${String(lastError)}):\n${tail(logFile)}`,
  );
}

/**
 * A detached watchdog that stops the server (and removes its directory) if this process dies
 * without calling stop(): Ctrl-C on jest, SIGKILL, a crash. mariadbd ignores SIGINT, so it
 * would otherwise outlive the test run. The watchdog ends by itself once the server is gone.
 */
const WATCHDOG = `
const [ppid, cpid, dir] = process.argv.slice(1).map((v, i) => (i < 2 ? Number(v) : v));
const zombie = (pid) => { try { return /^\\d+ \\(.*\\) Z/.test(require('fs').readFileSync('/proc/' + pid + '/stat', 'utf8')); } catch { return false; } };
const alive = (pid) => { try { process.kill(pid, 0); return !zombie(pid); } catch (e) { return e.code === 'EPERM'; } };
const timer = setInterval(() => {
  if (!alive(cpid)) process.exit(0);
  if (alive(ppid)) return;
  clearInterval(timer);
  try { process.kill(cpid, 'SIGTERM'); } catch {}
  const since = Date.now();
  setInterval(() => {
    if (alive(cpid) && Date.now() - since < 30000) return;
    try { process.kill(cpid, 'SIGKILL'); } catch {}
    require('fs').rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }, 100);
}, 500);
`;

function startWatchdog(serverPid: number, dir: string): ChildProcess {
  const dog = spawn(process.execPath, ['-e', WATCHDOG, String(process.pid), String(serverPid), dir], {
    detached: true,
    stdio: 'ignore',
  });
  dog.once('error', () => undefined);
  dog.unref();
  return dog;
}

/**
 * kill() only queues SIGSTOP: a thread of the server that is running or about to wake may
 * still answer a packet sent right after. Waits, synchronously (callers freeze from a
 * statement hook, just before a statement is sent), for the fact that every thread has
 * stopped, as /proc shows it.
 */
function waitUntilStopped(pid: number): void {
  const deadline = Date.now() + 5000;
  const running = () =>
    fs.readdirSync(`/proc/${pid}/task`).some((tid) => {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const state = stat[stat.lastIndexOf(')') + 2]; // "pid (name) S …": the name may hold spaces
      return state !== 'T' && state !== 't';
    });
  while (running()) {
    if (Date.now() > deadline) throw new Error(`MariaDB (pid ${pid}) did not stop within 5 s of SIGSTOP`);
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts a private MariaDB/MySQL server; resolves once it accepts connections as root (no
 * password) on 127.0.0.1. `extraArgs` come after the test settings and override them (the
 * import benchmark gives it a production-sized buffer pool and redo log).
 */
export async function startMariaDb(extraArgs: readonly string[] = []): Promise<MariaDbHandle> {
  const started = Date.now();
  const bin = await findServer();
  if (!bin) throw new Error(INSTALL_HINT);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-mariadb-'));
  const datadir = path.join(dir, 'data');
  const logFile = path.join(dir, 'error.log');
  let child: ChildProcess | undefined;
  const killOnExit = () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await initDatadir(bin, dir, datadir);
    // The port is picked here and could be taken before the server binds it: retry with another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `mysql://root@127.0.0.1:${port}/`;
      fs.rmSync(logFile, { force: true });
      child = spawn(bin.server, [...serverArgs(bin, dir, datadir, port), ...extraArgs], { stdio: 'ignore' });
      child.once('error', () => undefined);
      process.once('exit', killOnExit);
      try {
        await waitUntilReady(url, child, logFile, Date.now() + STARTUP_TIMEOUT_MS);
      } catch (err) {
        const portTaken = /address already in use|bind on tcp\/ip port/i.test(tail(logFile, 40));
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await waitForExit(child, STOP_TIMEOUT_MS);
        process.removeListener('exit', killOnExit);
        if (portTaken && attempt < 5) continue;
        throw err;
      }
      const server = child;
      const watchdog = startWatchdog(server.pid!, dir);
      let stopped: Promise<void> | undefined;
      return {
        url,
        startupMs: Date.now() - started,
        signal: (sig) => {
          server.kill(sig);
          if (sig === 'SIGSTOP' && server.pid) waitUntilStopped(server.pid);
        },
        stop: () =>
          (stopped ??= (async () => {
            if (server.exitCode === null && server.signalCode === null) {
              // A frozen server would never act on SIGTERM.
              server.kill('SIGCONT');
              server.kill('SIGTERM');
              if (!(await waitForExit(server, STOP_TIMEOUT_MS))) {
                server.kill('SIGKILL');
                await waitForExit(server, 5000);
              }
            }
            process.removeListener('exit', killOnExit);
            if (watchdog.exitCode === null) watchdog.kill('SIGTERM');
            fs.rmSync(dir, { recursive: true, force: true });
          })()),
      };
    }
  } catch (err) {
    killOnExit();
    throw err;
  }
}
