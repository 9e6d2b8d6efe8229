import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context';
import { isUnexpected, UNEXPECTED } from './format-error';
import type { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { Metrics } from './metrics';

/**
 * Writes the request's confidential reads before the answer leaves. If the audit cannot be
 * written, the answer is withheld: no confidential read goes unrecorded.
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
            contextValue.log.error({ err }, 'read audit failed: answer withheld');
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                data: null,
                errors: [{ message: UNEXPECTED, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: contextValue.requestId } }],
              };
            }
          }
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
            if (isUnexpected(error)) contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
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
              ...e, extensions: { ...e.extensions, requestId: contextValue.requestId },
            }));
          }
        },
      };
    },
  };
}
