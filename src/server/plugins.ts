import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../auth/context';
import { asServiceUnavailable, isUnexpected, UNEXPECTED } from './format-error';
import type { DataSource } from 'typeorm';
import { AuditWriter } from '../auth/audit-writer';
import type { Metrics } from './metrics';

const WITHHELD =
  "The database could not record this answer's confidential reads in the read audit, so the answer was withheld: retry shortly.";

/**
 * Writes the request's confidential reads before the answer leaves. If the audit cannot be
 * written, the answer is withheld: no confidential read goes unrecorded. When the database
 * is out, the client is told so (retryable); any other failure is unexpected.
 */
export function recordReads(ds: DataSource): ApolloServerPlugin<Context> {
  const writer = new AuditWriter(ds);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (!contextValue.viewer || contextValue.reads.size === 0) return;
          try {
            await contextValue.reads.flush(ds, writer, contextValue.viewer, contextValue.requestId);
          } catch (err) {
            const outage = asServiceUnavailable(err);
            contextValue.log[outage ? 'warn' : 'error']({ err }, 'read audit failed: answer withheld');
            if (response.body.kind !== 'single') return;
            const error = outage
              ? { message: WITHHELD, extensions: { code: outage.code, requestId: contextValue.requestId } }
              : {
                  message: UNEXPECTED,
                  extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: contextValue.requestId },
                };
            response.body.singleResult = { data: null, errors: [error] };
            if (outage) response.http.status = 503;
          }
        },
      };
    },
  };
}

/**
 * HTTP 503 for an answer with a SERVICE_UNAVAILABLE error (a database outage that
 * formatError mapped; typed errors thrown as such carry their status already), so proxies
 * and clients that look at the status alone see a retryable answer too.
 */
export function unavailableStatus(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          if (response.body.singleResult.errors?.some((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE'))
            response.http.status = 503;
        },
      };
    },
  };
}

/**
 * Logs hidden errors in full with the request id, tags every error with it, and counts
 * operations. Runs only for authenticated callers: the request gate refuses the others first.
 */
export function observe(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue, request }) {
      contextValue.log.debug({ operationName: request.operationName }, 'graphql request started');
      const stop = metrics.duration.startTimer();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isUnexpected(error))
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            else if (asServiceUnavailable(error))
              contextValue.log.warn({ err: error.originalError ?? error, path: error.path }, 'database unavailable');
          }
        },
        async willSendResponse({ response, operation, operationName, errors }) {
          const type = operation?.operation ?? 'unknown';
          stop({ type });
          // Only a valid operation's name may become a label; documents that failed to parse or validate are `invalid`.
          const label = operation ? metrics.operationLabel(operationName) : 'invalid';
          metrics.operations.inc({ operation: label, type, outcome: errors?.length ? 'error' : 'ok' });
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
              ...e,
              extensions: { ...e.extensions, requestId: contextValue.requestId },
            }));
          }
        },
      };
    },
  };
}
