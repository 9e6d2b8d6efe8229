/**
 * What the test harnesses need from the machine: finding a server binary, running a
 * command, a free loopback port, and (as root on Debian/Ubuntu only) installing the
 * distribution's package of a server that is missing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** Where distributions and Homebrew put server binaries that are not always on PATH. */
export const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/usr/local/bin', '/usr/local/mysql/bin', '/opt/homebrew/bin', '/usr/bin', '/sbin'];

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export function which(name: string, extraDirs: string[] = SEARCH_DIRS): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export async function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; inherit?: boolean } = {}) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      stdio: opts.inherit ? ['ignore', process.stderr, process.stderr] : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function hasAptLists(): boolean {
  try {
    return fs.readdirSync('/var/lib/apt/lists').some((f) => f.endsWith('_Packages') || f.endsWith('_Packages.lz4'));
  } catch {
    return false;
  }
}

/**
 * As root on Debian/Ubuntu only: apt-get install <pkg> (apt-get update first when no
 * package lists exist, or when the install fails). False where it cannot or did not work,
 * so the caller can say what to install instead.
 */
export async function aptInstall(pkg: string): Promise<boolean> {
  if (!isRoot() || !fs.existsSync('/etc/debian_version') || !which('apt-get')) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]) => {
    process.stderr.write(`[test servers] apt-get ${args.join(' ')}\n`);
    return run('apt-get', args, { env, inherit: true });
  };
  if (!hasAptLists()) await apt(['update']);
  let result = await apt(['install', '-y', '--no-install-recommends', pkg]);
  if (result.code !== 0) {
    await apt(['update']);
    result = await apt(['install', '-y', '--no-install-recommends', pkg]);
  }
  return result.code === 0;
}
