import 'reflect-metadata';
import { loadConfig } from '../config/config';
import { openDataSource } from './data-source';
import { ENTITIES } from '../server/entities';

/** npm run migrate: applies pending migrations to DATABASE_URL, or to the SQLite file. */
async function main() {
  const config = loadConfig();
  const ds = await openDataSource({ entities: ENTITIES, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await ds.runMigrations({ transaction: 'each' });
  process.stdout.write(
    applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}\n` : 'database is up to date\n',
  );
  await ds.destroy();
}

main().catch((err) => {
  process.stderr.write(`migrate failed: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
