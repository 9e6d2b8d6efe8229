/**
 * A throwaway redis-server for tests: started from the binary on PATH on 127.0.0.1 and a
 * free port, without persistence (nothing is written to disk), stopped by stop(). Where
 * none is installed and we run as root on Debian/Ubuntu, `redis-server` is installed first.
 */
import { spawn } from 'node:child_process';
import Redis from 'ioredis';
import { freePort, which } from './system';

export interface RedisHandle {
  /** redis://127.0.0.1:<port> */
  url: string;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 10_000;

/** True once the server answers PING; a failed attempt gives up at once (no retries). */
async function answersPing(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

const INSTALL_HINT =
  'No redis-server found on PATH or in /usr/bin: install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis), or run .ci/run, which installs what the tests need.';

export async function startRedis(): Promise<RedisHandle> {
  const server = which('redis-server');
  if (!server) throw new Error(INSTALL_HINT);
  const port = await freePort();
  const child = spawn(server, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));

  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await answersPing(url))) {
    if (spawnError) throw new Error(`${server} could not be started: ${spawnError.message}`);
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer PING on port ${port}:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, stop };
}
