import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionNode } from 'graphql';
import { unauthenticated } from '../common/errors';
import type { Context } from './context';
import { isUnexpected, UNEXPECTED } from './format-error';
import type { DataSource } from 'typeorm';
import { AuditWriter } from '../audit/audit-writer';
import type { Metrics } from './metrics';

/** Every operation, introspection included, needs a valid token (no token: UNAUTHENTICATED). */
export const requireViewer: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue }) {
        if (!contextValue.viewer) throw unauthenticated();
      },
    };
  },
};

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

/** Logs hidden errors in full with the request id, tags every error with it, and counts operations. */
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
          metrics.operations.inc({ operation: operationName ?? 'anonymous', type, outcome: errors?.length ? 'error' : 'ok' });
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

/** Depth of a selection, following fragment spreads (validation has already ruled out cycles). */
function depthOf(node: SelectionNode | OperationDefinitionNode | FragmentDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  if (node.kind === Kind.FRAGMENT_SPREAD) {
    const fragment = fragments.get(node.name.value);
    return fragment ? depthOf(fragment, fragments) : 0;
  }
  if (node.kind === Kind.INLINE_FRAGMENT) return Math.max(0, ...node.selectionSet.selections.map((s) => depthOf(s, fragments)));
  const selections = node.selectionSet?.selections ?? [];
  if (selections.length === 0) return 0;
  const inner = Math.max(...selections.map((s) => depthOf(s, fragments)));
  return node.kind === Kind.FIELD ? inner + 1 : inner;
}

/** Refuses documents nested deeper than `max` before they run: an analyst's query cannot fan out forever. */
/** Depth of one operation of a document (also checked for WebSocket subscriptions). */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return depthOf(operation, fragments);
}

export const tooDeep = (max: number) => new GraphQLError(`Query is nested deeper than ${max} levels.`, { extensions: { code: 'BAD_USER_INPUT' } });

export function depthLimit(max: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation }) {
          if (operation && operationDepth(document, operation) > max) throw tooDeep(max);
        },
      };
    },
  };
}
