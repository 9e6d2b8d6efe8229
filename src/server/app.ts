import http from 'node:http';
import crypto from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { createVerifier } from '../auth/jwt';
import { authenticator } from '../auth/authenticate';
import { whyEnded } from '../auth/credential';
import { Loaders } from '../common/loaders';
import { useIdSecret } from '../common/global-id';
import { secretInDataDir } from '../config/secret-file';
import { ReadRecorder } from '../audit/read-recorder';
import { AuditWriter } from '../audit/audit-writer';
import { applyMiddleware } from 'graphql-middleware';
import { buildShield } from '../auth/shield';
import { buildReadMiddleware } from '../auth/read-middleware';
import type { Context } from './context';
import { formatError } from './format-error';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { serveMetrics } from './metrics-route';
import { jsonErrors } from './http-errors';
import { observe, recordReads } from './plugins';
import { queryLimits } from './query-limits';
import { requestGate } from './request-gate';
import { createSchema } from './schema';
import { startRedisWake } from '../changes/redis-wake';
import { createServices } from './services';
import { storageProblem } from '../db/readiness';
import { setLockWait } from '../db/sqlite-transaction';
import { attachWebSocket, formatResult } from './websocket';
import { webhookDispatcher } from '../webhooks/webhooks';

export interface App {
  httpServer: http.Server;
  url: string;
  /** /metrics on METRICS_PORT, when it is served apart from the API. */
  metricsUrl?: string;
  /** Stops taking requests, lets in-flight ones finish, then closes the database. */
  stop: () => Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The client's x-request-id when it is a sane one, else a new id; echoed on every answer. */
const requestIds: express.RequestHandler = (req, res, next) => {
  const header = req.headers['x-request-id'];
  res.locals.requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : crypto.randomUUID();
  res.setHeader('x-request-id', res.locals.requestId);
  next();
};

/** Wires HTTP: /graphql (POST, GET for queries), /healthz, /readyz, /metrics. */
export interface AppOptions {
  /** Benchmarks only: serve without the access rules, to measure what they cost. */
  withoutAccessRules?: boolean;
  /** Benchmarks only: rules on, but no read-audit writes, to tell the two costs apart. */
  withoutReadAudit?: boolean;
  /** Tests only: "now" for the business time rules (credit overrides, new customers, reviews, complaint service levels, retention). */
  clock?: () => Date;
  /** Tests: the clock credentials are checked by (token expiry), on requests and open connections. */
  now?: () => number;
}

/** The executable schema with the access rules (shield, masking, read audit) applied. */
export async function createProtectedSchema(options: AppOptions = {}) {
  const schema = await createSchema();
  return options.withoutAccessRules ? schema : applyMiddleware(schema, buildShield(schema), buildReadMiddleware());
}

export async function startApp(config: Config, ds: DataSource, log: Logger, port = config.port, options: AppOptions = {}): Promise<App> {
  // Before anything can answer with an id. Instances sharing a database must share ID_SECRET.
  useIdSecret(config.idSecret ?? secretInDataDir(config.dataDir, 'id-secret'));
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const now = options.now ?? Date.now;
  const services = createServices(ds, {
    archiveNoPattern: config.archiveNoPattern, staleArchiveDays: config.staleArchiveDays, retentionYears: config.retentionYears, rules: config.rules, clock: options.clock, now,
    webhookPrivateTargets: config.webhooks.allowPrivate,
  });
  setLockWait(ds, config.sqliteLockWaitMs);
  const metrics = createMetrics();
  const authenticate = authenticator(createVerifier(config, { isActive: (id) => services.users.isActiveEmployee(id), hasLeft: (id) => services.users.hasLeft(id) }, now), (key) => services.partnerKeys.verify(key));

  const schema = await createProtectedSchema(options);
  const auditWriter = new AuditWriter(ds);
  const contextFor = (viewer: Context['viewer'], requestId: string): Context =>
    ({ requestId, viewer, loaders: new Loaders(), services, log: log.child({ requestId }), reads: new ReadRecorder() });
  const flushReads = options.withoutReadAudit || options.withoutAccessRules ? undefined : (ctx: Context) => ctx.reads.flush(ds, auditWriter, ctx.viewer, ctx.requestId);
  const sockets = attachWebSocket(httpServer, {
    schema, context: contextFor, limits: config.limits, hideSuggestions: config.production, log, authenticate,
    credentialEnd: async (viewer) => ((await services.credentialHolds(viewer)) ? null : whyEnded(viewer, now())),
    onFellBehind: () => metrics.fellBehind.inc(),
    checkpointMs: config.changeCheckpointMs,
    flushReads,
  });
  const webhooks = webhookDispatcher({
    config, ds, services, schema, context: contextFor, log, now, format: (ctx, result) => formatResult(ctx as Context, result), flushReads: flushReads && ((ctx) => flushReads(ctx as Context)),
  });
  // With Redis, other instances' events arrive at once instead of at this relay's next poll.
  const redisWake = config.redisUrl ? startRedisWake(config.redisUrl, log, (seq) => void services.relay.wakeFor(seq)) : null;
  if (redisWake) services.relay.onLocalPublish = (seq) => redisWake.notify(seq);
  // Stops what started so far; on a failed start too, or Redis sockets would keep the process alive.
  const stopFeed = async () => {
    await sockets.stop();
    await webhooks.stop();
    await services.relay.stop();
    await redisWake?.close();
  };
  try {
    await services.relay.start(log, config.changeRetentionDays);
    webhooks.start();
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
      // Production: validation errors suggest no field names ("Did you mean …").
      hideSchemaDetailsFromClientErrors: config.production,
      plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), observe(metrics), ...(options.withoutReadAudit || options.withoutAccessRules ? [] : [recordReads(ds)]), queryLimits(config.limits)],
    });
    await apollo.start();

    app.use(requestIds);
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
    const gate = requestGate(authenticate, config.limits);
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => contextFor(await gate(req, res.locals.requestId), res.locals.requestId),
      }),
    );
    const metricsEndpoint = await serveMetrics(app, metrics, config);
    const errors = jsonErrors(log);
    app.use(errors.notFound, errors.failed);

    try {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, config.host, () => resolve());
      });
    } catch (err) {
      await metricsEndpoint.close();
      throw err;
    }
    const address = httpServer.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${actualPort}/graphql`;

    return {
      httpServer,
      url,
      metricsUrl: metricsEndpoint.url,
      stop: async () => {
        await stopFeed();
        await metricsEndpoint.close();
        await apollo.stop();
        if (ds.isInitialized) await ds.destroy();
      },
    };
  }
}
