import { useIdSecret } from '../../../src/common/global-id';
import { startBaseline } from './baseline';

/**
 * The baseline as its own process, like the API: the load generator's CPU is not charged to
 * either server. Env: BASELINE_DATABASE_URL, BASELINE_JWT_SECRET, BASELINE_ID_SECRET.
 * Prints "baseline ready <url>" once it listens; stops on SIGTERM.
 */
async function main() {
  useIdSecret(process.env.BASELINE_ID_SECRET!);
  const baseline = await startBaseline(process.env.BASELINE_DATABASE_URL!, process.env.BASELINE_JWT_SECRET!);
  process.stdout.write(`baseline ready ${baseline.url}\n`);
  process.once('SIGTERM', () => void baseline.stop().then(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`baseline failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
