import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { openDataSource } from '../db/data-source';
import { seedCustomers } from './seed';
import { ENTITIES } from '../server/entities';

/** npm run seed -- --customers N: brings MySQL or SQLite to N demo customers, showing progress. */
async function main() {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '300' } } });
  const target = Number(values.customers);
  if (!Number.isInteger(target) || target < 0 || target > 10_000_000)
    throw new Error('--customers must be a whole number up to 10,000,000');
  const config = loadConfig();
  const ds = await openDataSource({ entities: ENTITIES, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await ds.runMigrations({ transaction: 'each' });
  const started = Date.now();
  let lastShown = 0;
  const written = await seedCustomers(ds, target, (done, total) => {
    const now = Date.now();
    if (now - lastShown > 1000 || done === total) {
      lastShown = now;
      const rate = Math.round((done * 1000) / Math.max(1, now - started));
      process.stdout.write(
        `\r  ${done.toLocaleString()} / ${total.toLocaleString()} customers (${rate.toLocaleString()}/s)   `,
      );
    }
  });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    `\n${written ? `wrote ${written.toLocaleString()} customers with their files in ${seconds.toFixed(1)} s` : `already ${target.toLocaleString()} demo customers: nothing to do`}\n`,
  );
  await ds.destroy();
}

main().catch((err) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
