import crypto from 'node:crypto';
import type http from 'node:http';
import type { Socket } from 'node:net';
import {
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  OperationTypeNode,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Authenticate } from '../auth/authenticate';
import type { Viewer } from '../auth/jwt';
import { type AuthFailure, unauthenticated } from '../common/errors';
import type { Context } from '../auth/context';
import type { Logger } from './logger';
import { changeDelivery, Outlet } from '../changes/delivery';
import { viewKey } from '../auth/view-key';
import { formatError, UNEXPECTED } from './format-error';
import type { QueryLimits } from './query-limits';
import { prepareOperation } from './ws-operation';

const MAX_MESSAGE_BYTES = 64 * 1024;
/** Operations one socket may run at once: a socket is cheap for the client, not for us. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

export interface WebSocketOptions {
  schema: GraphQLSchema;
  /** The caller of an `authorization` value ("Bearer …" or "ApiKey …"), as HTTP authenticates. */
  authenticate: Authenticate;
  /** Null while a connected caller's credential holds, else why it ended: asked for each operation. */
  credentialEnd: (viewer: Viewer) => Promise<AuthFailure | null>;
  /** Builds the same per-operation context HTTP requests get. */
  context: (viewer: Viewer, requestId: string) => Context;
  limits: QueryLimits;
  /** Production: validation errors suggest no field names. */
  hideSuggestions: boolean;
  log: Logger;
  /** Writes each answer's and event's confidential reads (`ctx.reads`) before it is sent, as HTTP answers do; absent without audit. */
  flushReads?: (ctx: Context) => Promise<void>;
  /** Called when a live subscription's client fell behind (a metric). */
  onFellBehind?: () => void;
  /** Least time between two checkpoints of a changeFeed subscriber. */
  checkpointMs?: number;
}

/** One connection's caller, its queries and mutations still running, and why its credential ended, once it has. */
interface Connection {
  viewer: Viewer;
  running: Set<string>;
  ended: AuthFailure | null;
}

/** 4403 as graphql-ws closes a refused connection_init, with the reason (ws allows 123 bytes). */
const closeForbidden = (socket: WebSocket, reason: AuthFailure) =>
  socket.close(CloseCode.Forbidden, `Forbidden: credential ${reason.toLowerCase()}`);

/**
 * graphql-ws reports a document that does not parse or validate as bare GraphQLErrors;
 * Apollo gives the same errors a code on HTTP. Give them that code here too, so they
 * reach the client as what they are instead of as an unexpected error.
 */
function withRequestErrorCode(error: GraphQLError): GraphQLFormattedError {
  const formatted = error.toJSON();
  if (error.originalError || formatted.extensions?.code) return formatted;
  const code = error.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

const isSubscription = (args: ExecutionArgs) =>
  getOperationAST(args.document, args.operationName)?.operation === OperationTypeNode.SUBSCRIPTION;

/** Errors through the one formatError; unexpected ones are logged in full. */
export function formatResult(ctx: Context, result: ExecutionResult): FormattedExecutionResult {
  if (!result.errors) return result as FormattedExecutionResult;
  const errors = result.errors.map((error) => {
    const formatted = formatError(error.toJSON(), error);
    if (formatted.message === UNEXPECTED)
      ctx.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
    return formatted;
  });
  return { ...result, errors };
}

/** Sent instead of a query's answer whose read audit could not be written, as HTTP fails the request. */
const withheld = (ctx: Context): FormattedExecutionResult => ({
  data: null,
  errors: [{ message: UNEXPECTED, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: ctx.requestId } }],
});

/**
 * A query's or mutation's answer is shaped like an HTTP answer: audited first, errors through
 * the one formatError. (Subscription events never pass here: see src/changes/delivery.)
 */
async function finish(options: WebSocketOptions, ctx: Context, result: ExecutionResult) {
  try {
    await options.flushReads?.(ctx);
  } catch (err) {
    ctx.log.error({ err }, 'read audit failed: answer withheld');
    return withheld(ctx);
  }
  return formatResult(ctx, result);
}

/**
 * graphql-ws (subprotocol graphql-transport-ws) on the HTTP server's /graphql. The token
 * comes in connection_init's payload `{ authorization }`; without a valid one onConnect
 * closes the socket with 4403 before any operation can start. Every operation checks the
 * credential again, as each HTTP request does: once it has expired or been revoked, new
 * operations are refused with UNAUTHENTICATED and the socket closes with 4403 as soon as
 * the queries and mutations already running have answered (subscriptions end with it).
 */
export function attachWebSocket(httpServer: http.Server, options: WebSocketOptions) {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const connections = new WeakMap<object, Connection>();
  // Called from onSubscribe (refusing) and onComplete, after which graphql-ws sends that
  // operation's error or `complete` with no I/O in between; ws writes frames in order, so
  // closing on the next turn puts the close after that message.
  const closeWhenIdle = (socket: WebSocket, conn: Connection) =>
    setImmediate(() => {
      if (conn.ended && conn.running.size === 0) closeForbidden(socket, conn.ended);
    });
  const outlets = new WeakMap<Context, Outlet>();
  const cleanup = useServer(
    {
      schema: options.schema,
      // Change events go out through the change feed's delivery, shared between viewers who see the same.
      subscribe: changeDelivery({
        viewKey,
        outletOf: (ctx) => outlets.get(ctx as Context),
        format: (ctx, result) => formatResult(ctx as Context, result),
        flushReads: options.flushReads && ((ctx) => options.flushReads!(ctx as Context)),
        onFellBehind: options.onFellBehind,
        checkpointMs: options.checkpointMs,
      }),
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.authorization;
        const result = await options.authenticate(typeof auth === 'string' ? auth : undefined);
        if ('failure' in result) {
          closeForbidden(ctx.extra.socket, result.failure);
          return false;
        }
        connections.set(ctx.extra.socket, { viewer: result.viewer, running: new Set(), ended: null });
        return true;
      },
      // graphql-ws has already reserved this operation's id when it calls onSubscribe.
      onSubscribe: async (ctx, id, payload) => {
        // Counted on arrival, before anything is awaited: all of a burst's ids are reserved by then.
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_SOCKET) {
          return [
            new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} operations per connection.`, {
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          ];
        }
        const socket = ctx.extra.socket;
        const conn = connections.get(socket)!;
        if (!conn.ended) {
          const ended = await options.credentialEnd(conn.viewer);
          // Another operation may have found it ended meanwhile: never undo that.
          conn.ended ??= ended;
        }
        if (conn.ended) {
          closeWhenIdle(socket, conn);
          return [unauthenticated(conn.ended)];
        }
        const prepared = prepareOperation(options.schema, payload, options.limits, options.hideSuggestions);
        if ('document' in prepared && !isSubscription(prepared)) conn.running.add(id);
        return prepared;
      },
      onComplete: (ctx, id) => {
        const conn = connections.get(ctx.extra.socket);
        if (conn?.running.delete(id)) closeWhenIdle(ctx.extra.socket, conn);
      },
      context: (ctx, id) => {
        const context = options.context(connections.get(ctx.extra.socket)!.viewer, crypto.randomUUID());
        // The upgrade request's TCP socket is the one ws writes to: the outlet corks it around a batch.
        outlets.set(context, new Outlet(ctx.extra.socket, ctx.extra.request.socket as Socket, id));
        return context;
      },
      onNext: (_ctx, _id, _payload, args, result) => finish(options, args.contextValue as Context, result),
      onError: (ctx, _id, _payload, errors) =>
        errors.map((e) => {
          const formatted = formatError(withRequestErrorCode(e), e);
          if (formatted.message === UNEXPECTED)
            options.log.error(
              { err: e.originalError ?? e, viewer: connections.get(ctx.extra.socket)?.viewer.subject },
              'unexpected error starting a subscription',
            );
          return formatted;
        }),
    },
    wss,
  );
  return {
    /** Closes every socket (subscriptions end) and stops accepting new ones. */
    stop: async () => {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
