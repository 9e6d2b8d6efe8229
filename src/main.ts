import 'reflect-metadata';
import pino from 'pino';
import { loadConfig } from './config/config';
import { openDataSource } from './db/data-source';
import { seedIfEmpty } from './demo/seed';
import { startApp } from './server/app';
import { createLogger } from './server/logger';
import { ENTITIES } from './server/entities';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  // The banner goes through the logger's stream: pino writes asynchronously, and a direct write
  // to stdout would come before the migration and demo-data lines logged ahead of it.
  const stdout = pino.destination(1);
  const log = createLogger(config.logLevel, stdout);
  const ds = await openDataSource({ entities: ENTITIES, databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  if (config.migrateOnStart) {
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  }
  if (!config.databaseUrl && config.seedDemo) {
    const seeded = await seedIfEmpty(ds, (msg) => log.info(msg));
    if (seeded) log.info({ customers: seeded }, 'demo data created');
  }
  const app = await startApp(config, ds, log);
  log.info({ url: app.url, database: config.databaseUrl ? 'mysql' : `sqlite (${config.dataDir})` }, 'API ready');
  stdout.write(
    `\n  Customer-archive API ready at ${app.url}\n` +
      `  Open it in a browser for Apollo Sandbox; get a token with:\n` +
      `    npm run --silent token -- --role sales_manager\n` +
      `  and send it as the header  Authorization: Bearer <token>\n\n`,
  );

  // SIGTERM is how orchestrators stop an instance behind a load balancer: /readyz says 503
  // while requests are still served for SHUTDOWN_GRACE_MS, so the balancer sends new ones
  // elsewhere before the socket closes. SIGINT (Ctrl-C), or a second signal, skips the wait.
  let stopping = false;
  let skipGrace: () => void = () => undefined;
  const shutdown = async (signal: string) => {
    if (stopping) return skipGrace();
    stopping = true;
    const grace = signal === 'SIGTERM' ? config.shutdownGraceMs : 0;
    app.startDraining();
    log.info({ signal, graceMs: grace }, 'draining: /readyz answers 503, requests are still served');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, grace);
      skipGrace = () => (clearTimeout(timer), resolve());
    });
    log.info('shutting down: no new connections, finishing in-flight requests');
    try {
      await app.stop();
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
