import crypto from 'node:crypto';
import type http from 'node:http';
import { ExecutionResult, FormattedExecutionResult, GraphQLError, GraphQLFormattedError, GraphQLSchema, Kind, parse } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Viewer } from '../auth/jwt';
import type { Context } from './context';
import type { Logger } from './logger';
import { directSubscribe, Outlet } from './direct-subscribe';
import { viewKey } from '../auth/view-key';
import { formatError, UNEXPECTED } from './format-error';
import { operationDepth, tooDeep } from './plugins';

const MAX_MESSAGE_BYTES = 64 * 1024;
/** Operations one socket may run at once: a socket is cheap for the client, not for us. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 20;

export interface WebSocketOptions {
  schema: GraphQLSchema;
  /** The viewer of an `authorization` value ("Bearer …" or "ApiKey …"), or null. */
  authenticate: (authorization: string | undefined) => Promise<Viewer | null>;
  /** Builds the same per-operation context HTTP requests get. */
  context: (viewer: Viewer, requestId: string) => Context;
  maxQueryDepth: number;
  log: Logger;
  /** Writes each event's confidential reads before it is sent, as HTTP answers do; absent without audit. */
  flushReads?: (ctx: Context) => Promise<void>;
  /** Called when a live subscription's client fell behind (a metric). */
  onFellBehind?: () => void;
}

/** The HTTP rules that graphql-ws does not apply itself: the depth limit and a cap per socket. */
function refuse(options: WebSocketOptions, running: number, query: string, operationName?: string | null): GraphQLError[] | void {
  if (running > MAX_SUBSCRIPTIONS_PER_SOCKET) {
    return [new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_SOCKET} operations per connection.`, { extensions: { code: 'BAD_USER_INPUT' } })];
  }
  let document;
  try {
    document = parse(query);
  } catch (err) {
    return [err as GraphQLError];
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => (operationName ? o.name?.value === operationName : true));
  if (operation && operationDepth(document, operation) > options.maxQueryDepth) return [tooDeep(options.maxQueryDepth)];
}

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

/** Errors through the one formatError; unexpected ones are logged in full. */
function formatResult(ctx: Context, result: ExecutionResult): FormattedExecutionResult {
  if (!result.errors) return result as FormattedExecutionResult;
  const errors = result.errors.map((error) => {
    const formatted = formatError(error.toJSON(), error);
    if (formatted.message === UNEXPECTED) ctx.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
    return formatted;
  });
  return { ...result, errors };
}

/** Sent instead of an event whose read audit could not be written. */
const withheld = (ctx: Context): FormattedExecutionResult =>
  ({ data: null, errors: [{ message: UNEXPECTED, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: ctx.requestId } }] });

/** Each result is shaped like an HTTP answer: audited first, errors through the one formatError. */
async function finish(options: WebSocketOptions, ctx: Context, result: ExecutionResult) {
  try {
    await options.flushReads?.(ctx);
  } catch (err) {
    ctx.log.error({ err }, 'read audit failed: event withheld');
    return withheld(ctx);
  }
  return formatResult(ctx, result);
}

/**
 * graphql-ws (subprotocol graphql-transport-ws) on the HTTP server's /graphql. The token
 * comes in connection_init's payload `{ authorization }`; without a valid one onConnect
 * refuses, which closes the socket with 4403 before any operation can start.
 */
export function attachWebSocket(httpServer: http.Server, options: WebSocketOptions) {
  const wss = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const viewers = new WeakMap<object, Viewer>();
  const outlets = new WeakMap<Context, Outlet>();
  const cleanup = useServer(
    {
      schema: options.schema,
      // Events are sent by the subscription's own pump, shared between viewers who see the same.
      subscribe: directSubscribe({
        viewKey,
        outletOf: (ctx) => outlets.get(ctx),
        format: formatResult,
        flushReads: options.flushReads,
        onFellBehind: options.onFellBehind,
        withheld,
      }),
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.authorization;
        const viewer = await options.authenticate(typeof auth === 'string' ? auth : undefined);
        if (!viewer) return false;
        viewers.set(ctx.extra.socket, viewer);
        return true;
      },
      // graphql-ws has already reserved this operation's id when it calls onSubscribe.
      onSubscribe: (ctx, _id, payload) => refuse(options, Object.keys(ctx.subscriptions).length, payload.query, payload.operationName),
      context: (ctx, id) => {
        const context = options.context(viewers.get(ctx.extra.socket)!, crypto.randomUUID());
        outlets.set(context, { socket: ctx.extra.socket, id });
        return context;
      },
      onNext: (_ctx, _id, _payload, args, result) => finish(options, args.contextValue as Context, result),
      onError: (ctx, _id, _payload, errors) => errors.map((e) => {
        const formatted = formatError(withRequestErrorCode(e), e);
        if (formatted.message === UNEXPECTED) options.log.error({ err: e.originalError ?? e, viewer: viewers.get(ctx.extra.socket)?.subject }, 'unexpected error starting a subscription');
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
