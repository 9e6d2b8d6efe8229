/**
 * Debian's chromium for browser tests, driven by playwright-core (which downloads nothing).
 * Where none is installed the error says what to install (.ci/run installs it).
 */
import { chromium, type Browser } from 'playwright-core';
import { which } from './system';

const INSTALL_HINT =
  'No chromium found on PATH or in /usr/bin: install it (Debian/Ubuntu: apt-get install chromium), or run .ci/run, which installs what the tests need.';

/** Flags for a quiet, offline headless run: no sandbox (root in CI), no GPU, no calls home. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = which('chromium');
  if (!executablePath) throw new Error(INSTALL_HINT);
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}
