import 'reflect-metadata';
import { loadConfig } from './src/config/config';
import { createDataSource } from './src/db/data-source';
import { ENTITIES } from './src/server/entities';

/**
 * The data source for TypeORM's own CLI (`npx typeorm -d dist/ormconfig.js migration:show`).
 * The app builds its data source in src/db/data-source.ts (openDataSource also detects
 * MariaDB, which a synchronous export cannot); migrations are made with
 * src/db/make-migration.cli.ts. Same entities, same migrations, never synchronize.
 */
const config = loadConfig();
export default createDataSource({ entities: ENTITIES, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
