import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../support/system';

/** The API as its own process (`node dist/src/main.js`), as a user runs it: what benchmarks load from outside. */
export interface ApiProcess {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  baseUrl: string;
  child: ChildProcess;
  /** Milliseconds from spawn to the "API ready" line. */
  startMs: number;
  stop(): Promise<void>;
}

export interface ApiProcessOptions {
  /** Environment on top of this process's own (DATABASE_URL, DATA_DIR, secrets …). */
  env: Record<string, string>;
  /** Write a CPU profile (`--cpu-prof`) into this folder when the process exits. */
  profileDir?: string;
  /** Extra node flags before the script (e.g. `--expose-gc`, `-r file`). */
  nodeFlags?: string[];
}

const MAIN = path.join(__dirname, '../../src/main.js');

/** Starts the API and resolves once it printed "API ready"; its warnings and errors after that go to stderr. */
export async function startApiProcess(opts: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const profile = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
  const started = Date.now();
  const child = spawn(process.execPath, [...profile, ...(opts.nodeFlags ?? []), MAIN], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...opts.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    // The API's warnings and errors (JSON lines on stdout) are shown, the banner is not.
    child.stdout!.on('data', (d) => {
      if (out.includes('API ready')) return void process.stderr.write(d);
      out += d;
      if (out.includes('API ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`API exited with ${code} before it was ready:\n${out}`)));
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: `${baseUrl}/graphql`,
    baseUrl,
    child,
    startMs: Date.now() - started,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
