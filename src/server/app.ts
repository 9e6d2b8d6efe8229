import type { GraphQLSchema } from 'graphql';
import http from 'node:http';
import crypto from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import { createVerifier } from '../auth/jwt';
import { authenticator } from '../auth/authenticate';
import { whyEnded } from '../auth/credential';
import { Loaders } from '../common/loaders';
import { useIdSecret } from '../common/global-id';
import { secretInDataDir } from '../config/secret-file';
import { ReadRecorder } from '../auth/read-recorder';
import { AuditWriter } from '../auth/audit-writer';
import { applyMiddleware } from 'graphql-middleware';
import { buildShield } from '../auth/shield';
import { buildReadMiddleware, noteReadsOncePerObject } from '../auth/read-middleware';
import type { Context } from '../auth/context';
import { formatError } from './format-error';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { serveMetrics } from './metrics-route';
import { jsonErrors } from './http-errors';
import { observe, recordReads, unavailableStatus } from './plugins';
import { queryLimits } from './query-limits';
import { requestGate } from './request-gate';
import { createSchema } from './schema';
import { startRedisWake } from '../changes/redis-wake';
import { createServices } from './services';
import { setLockWait } from '../db/sqlite-transaction';
import { limitDatabaseWaits, withDeadline } from '../db/wait-limits';
import { healthRoutes } from './health';
import { attachWebSocket, formatResult } from './websocket';
import { corsFor } from './cors';
import { requestErrorStatus } from './request-error-status';
import { persistedQueries } from './persisted-queries';
import { landingPage } from './sandbox';
import { exportRoute } from '../export/export.route';
import { ExportService } from '../export/export.service';
import { webhookDispatcher } from '../webhooks/webhooks';

export interface App {
  httpServer: http.Server;
  url: string;
  /** /metrics on METRICS_PORT, when it is served apart from the API. */
  metricsUrl?: string;
  /** /readyz turns 503 and connections are not kept alive; requests are still served (see health.ts). */
  startDraining: () => void;
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
  /** The executable schema to serve; by default the API's own with the access rules (createProtectedSchema). */
  schema?: GraphQLSchema;
  /** Tests only: "now" for the business time rules (credit overrides, new customers, reviews, complaint service levels, retention). */
  clock?: () => Date;
  /** Tests: the clock credentials are checked by (token expiry), on requests and open connections. */
  now?: () => number;
}

/** The executable schema with the access rules (shield, masking, read audit) applied. */
export async function createProtectedSchema(): Promise<GraphQLSchema> {
  const schema = await createSchema();
  const rules = applyMiddleware(schema, buildShield(schema), buildReadMiddleware());
  noteReadsOncePerObject(rules);
  return rules;
}

export async function startApp(
  config: Config,
  ds: DataSource,
  log: Logger,
  port = config.port,
  options: AppOptions = {},
): Promise<App> {
  // Before anything can answer with an id. Instances sharing a database must share ID_SECRET.
  const idSecret = config.idSecret ?? secretInDataDir(config.dataDir, 'id-secret');
  useIdSecret(idSecret);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const now = options.now ?? Date.now;
  const services = createServices(ds, {
    archiveNoPattern: config.archiveNoPattern,
    staleArchiveDays: config.staleArchiveDays,
    retentionYears: config.retentionYears,
    rules: config.rules,
    clock: options.clock,
    now,
    importDir: config.importDir,
    linkSecret: idSecret,
    webhookPrivateTargets: config.webhooks.allowPrivate,
  });
  setLockWait(ds, config.sqliteLockWaitMs);
  limitDatabaseWaits(ds, config.db);
  const metrics = createMetrics();
  const authenticate = authenticator(createVerifier(config, services.users, now), (key) =>
    services.partnerKeys.verify(key),
  );

  const schema = options.schema ?? (await createProtectedSchema());
  const auditWriter = new AuditWriter(ds);
  const contextFor = (viewer: Context['viewer'], requestId: string): Context => ({
    requestId,
    viewer,
    loaders: new Loaders(),
    services,
    log: log.child({ requestId }),
    reads: new ReadRecorder(),
  });
  const sockets = attachWebSocket(httpServer, {
    schema,
    context: contextFor,
    limits: config.limits,
    hideSuggestions: config.production,
    log,
    authenticate,
    credentialEnd: async (viewer) => ((await services.credentialHolds(viewer)) ? null : whyEnded(viewer, now())),
    onFellBehind: () => metrics.fellBehind.inc(),
    checkpointMs: config.changeCheckpointMs,
    flushReads: (ctx) => ctx.reads.flush(ds, auditWriter, ctx.viewer, ctx.requestId),
  });
  const webhooks = webhookDispatcher({
    config,
    ds,
    feed: services.changeFeed,
    bus: services.relay.bus,
    credentialHolds: services.credentialHolds,
    schema,
    context: contextFor,
    log,
    now,
    format: (ctx, result) => formatResult(ctx as Context, result),
    flushReads: (ctx) => ctx.reads.flush(ds, auditWriter, ctx.viewer, ctx.requestId),
  });
  // With Redis, other instances' events arrive at once instead of at this relay's next poll.
  const redisWake = config.redisUrl
    ? startRedisWake(config.redisUrl, log, (seq) => void services.relay.wakeFor(seq))
    : null;
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
    const persisted = persistedQueries(config.persistedQueries);
    const apollo = new ApolloServer<Context>({
      schema,
      persistedQueries: persisted.persistedQueries,
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
      plugins: [
        ApolloServerPluginDrainHttpServer({ httpServer }),
        observe(metrics),
        unavailableStatus(),
        // Answers are per caller and never cached by HTTP caches; Apollo's default cache-control
        // plugin would otherwise run a hook on every resolved field (issue 17's profile).
        ApolloServerPluginCacheControlDisabled(),
        recordReads(ds),
        queryLimits(config.limits),
        requestErrorStatus(),
        ...persisted.plugins,
        landingPage(config.sandbox),
      ],
    });
    await apollo.start();

    app.use(requestIds);
    // Browsers that open the server's root land on Sandbox (or the production page) at /graphql.
    app.get('/', (_req, res) => res.redirect(302, '/graphql'));
    const health = healthRoutes(app, ds, log, config.readyTimeoutMs);
    const gate = requestGate(authenticate, config.limits);
    app.use('/graphql', corsFor(config.corsOrigins));
    app.use(
      '/graphql',
      express.json({ limit: '1mb' }),
      // Every database wait of the request (credential, resolvers, read audit) ends by then.
      (_req, _res, next) => withDeadline(Date.now() + config.requestTimeoutMs, next),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => contextFor(await gate(req, res.locals.requestId), res.locals.requestId),
      }),
    );
    app.get(
      '/exports/:token',
      exportRoute(services.exportLinks, new ExportService(ds, schema, contextFor), services.credentialHolds, log),
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
      startDraining: health.startDraining,
      stop: async () => {
        await stopFeed();
        await metricsEndpoint.close();
        await apollo.stop();
        if (ds.isInitialized) await ds.destroy();
      },
    };
  }
}
