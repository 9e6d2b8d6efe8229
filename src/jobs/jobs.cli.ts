import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { openDataSource } from '../db/data-source';
import { JOBS, jobUsage } from './jobs';
import { ENTITIES } from '../server/entities';

/** npm run jobs -- <job>: runs one scheduled job against DATABASE_URL or the SQLite file, then exits. */
async function main() {
  const name = process.argv[2];
  const job = name ? JOBS[name] : undefined;
  if (!job) {
    process.stderr.write(`${name ? `unknown job: ${name}\n` : ''}${jobUsage()}`);
    process.exit(2);
  }
  const config = loadConfig();
  const ds = await openDataSource({ entities: ENTITIES, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    process.stdout.write(`${name}: ${await job.run(ds, config)}\n`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`job failed: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
