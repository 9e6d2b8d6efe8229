import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { backupSqlite } from './backup';

/**
 * npm run backup [-- --to FILE]: copies the embedded SQLite database while the API runs,
 * by default to DATA_DIR/backups/crm-<UTC time>.sqlite.
 */
async function main() {
  const { values } = parseArgs({ options: { to: { type: 'string' } } });
  const config = loadConfig();
  if (config.databaseUrl)
    throw new Error(
      'DATABASE_URL is set: back up MySQL with its own tools (mysqldump --single-transaction, or a physical backup)',
    );
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const to = path.resolve(values.to ?? path.join(config.dataDir, 'backups', `crm-${stamp}.sqlite`));
  const pages = await backupSqlite(path.join(config.dataDir, 'crm.sqlite'), to);
  process.stdout.write(`backed up ${pages} pages to ${to}\n`);
}

main().catch((err) => {
  process.stderr.write(`backup failed: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
