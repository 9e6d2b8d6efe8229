import http from 'node:http';
import crypto from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { createVerifier, TokenVerifier } from '../auth/jwt';
import { Loaders } from '../common/loaders';
import { ReadRecorder } from '../audit/read-recorder';
import { AuditWriter } from '../audit/audit-writer';
import { applyMiddleware } from 'graphql-middleware';
import { buildShield } from '../auth/shield';
import { buildReadMiddleware } from '../auth/read-middleware';
import type { Context } from './context';
import { formatError } from './format-error';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { depthLimit, observe, recordReads, requireViewer } from './plugins';
import { createSchema } from './schema';
import { startRedisWake } from '../changes/redis-wake';
import { createServices, Services } from './services';
import { storageProblem } from '../db/readiness';
import { setLockWait } from '../db/sqlite-transaction';
import { attachWebSocket } from './websocket';

export interface App {
  httpServer: http.Server;
  url: string;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  stop: () => Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** `Bearer <JWT>` for people and client-credential tokens, `ApiKey <key>` for partner apps. */
async function viewerFrom(header: string | undefined, verify: TokenVerifier, services: Services) {
  const match = header ? /^(Bearer|ApiKey)\s+(\S+)$/i.exec(header) : null;
  if (!match) return null;
  return match[1].toLowerCase() === 'bearer' ? verify(match[2]) : services.partnerKeys.verify(match[2]);
}

/** Wires HTTP: /graphql (POST, GET for queries), /healthz, /readyz, /metrics. */
export interface AppOptions {
  /** Benchmarks only: serve without the access rules, to measure what they cost. */
  withoutAccessRules?: boolean;
  /** Benchmarks only: rules on, but no read-audit writes, to tell the two costs apart. */
  withoutReadAudit?: boolean;
  /** Tests only: "now" for the time rules (credit overrides, new customers, reviews, complaint service levels). */
  clock?: () => Date;
}

/** The executable schema with the access rules (shield, masking, read audit) applied. */
export async function createProtectedSchema(options: AppOptions = {}) {
  const schema = await createSchema();
  return options.withoutAccessRules ? schema : applyMiddleware(schema, buildShield(schema), buildReadMiddleware());
}

export async function startApp(config: Config, ds: DataSource, log: Logger, port = config.port, options: AppOptions = {}): Promise<App> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const services = createServices(ds, {
    archiveNoPattern: config.archiveNoPattern, staleArchiveDays: config.staleArchiveDays, rules: config.rules, clock: options.clock,
  });
  setLockWait(ds, config.sqliteLockWaitMs);
  const metrics = createMetrics();
  const verify = createVerifier(config);

  const schema = await createProtectedSchema(options);
  const auditWriter = new AuditWriter(ds);
  const contextFor = (viewer: Context['viewer'], requestId: string): Context =>
    ({ requestId, viewer, loaders: new Loaders(), services, log: log.child({ requestId }), reads: new ReadRecorder() });
  const sockets = attachWebSocket(httpServer, {
    schema, context: contextFor, maxQueryDepth: config.maxQueryDepth, log, authenticate: (header) => viewerFrom(header, verify, services),
    onFellBehind: () => metrics.fellBehind.inc(),
    flushReads: options.withoutReadAudit || options.withoutAccessRules ? undefined : (ctx) => ctx.reads.flush(ds, auditWriter, ctx.viewer, ctx.requestId),
  });
  // With Redis, other instances' events arrive at once instead of at this relay's next poll.
  const redisWake = config.redisUrl ? startRedisWake(config.redisUrl, log, (seq) => void services.relay.wakeFor(seq)) : null;
  if (redisWake) services.relay.onLocalPublish = (seq) => redisWake.notify(seq);
  // Stops what started so far; on a failed start too, or Redis sockets would keep the process alive.
  const stopFeed = async () => {
    await sockets.stop();
    await services.relay.stop();
    await redisWake?.close();
  };
  try {
    await services.relay.start(log, config.changeRetentionDays);
    return await serve();
  } catch (err) {
    await stopFeed().catch(() => undefined);
    throw err;
  }

  /** Apollo, the HTTP routes and the listening socket, once the change feed runs. */
  async function serve(): Promise<App> {
    const apollo = new ApolloServer<Context>({
      schema,
      formatError,
      includeStacktraceInErrorResponses: false,
      // Auth is a bearer header, never a cookie, so browsers cannot be tricked into sending it.
      csrfPrevention: false,
      // main.ts owns shutdown: Apollo's own SIGTERM handler would race it (stopping the
      // server under it, then re-raising the signal).
      stopOnTerminationSignals: false,
      introspection: true,
      plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), requireViewer, observe(metrics), ...(options.withoutReadAudit || options.withoutAccessRules ? [] : [recordReads(ds)]), depthLimit(config.maxQueryDepth)],
    });
    await apollo.start();

    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.get('/readyz', async (_req, res) => {
      try {
        await ds.query('SELECT 1');
        // Ready means writes can be stored too: a full disk answers 503 until space is freed.
        const full = await storageProblem(ds);
        res.status(full ? 503 : 200).json({ status: full ?? 'ready' });
      } catch (err) {
        log.warn({ err }, 'readiness check failed');
        res.status(503).json({ status: 'database unreachable' });
      }
    });
    app.get('/metrics', async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const header = req.headers['x-request-id'];
          const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : crypto.randomUUID();
          res.setHeader('x-request-id', requestId);
          const viewer = await viewerFrom(req.headers.authorization, verify, services);
          return contextFor(viewer!, requestId);
        },
      }),
    );

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, config.host, () => resolve());
    });
    const address = httpServer.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${actualPort}/graphql`;

    return {
      httpServer,
      url,
      stop: async () => {
        await stopFeed();
        await apollo.stop();
        if (ds.isInitialized) await ds.destroy();
      },
    };
  }
}
