import type { ApolloServerPlugin } from '@apollo/server';
import Negotiator from 'negotiator';
import type { Context } from '../auth/context';

/** Errors of the request itself: its document does not parse or validate, or its variables do not fit. */
const REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/** The media type Apollo answers with, chosen as Apollo chooses it (the same negotiator, the same order). */
function answersJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return (
    new Negotiator({ headers: { accept } }).mediaType(['application/json', 'application/graphql-response+json']) ===
    'application/json'
  );
}

/**
 * GraphQL over HTTP: an answer in `application/json` is 200 whenever the request was a
 * well-formed GraphQL request, its errors in the body (clients of the legacy type read the
 * body, not the status); `application/graphql-response+json` keeps Apollo's 400. Only
 * errors of the document and variables are affected: the query limits (QUERY_TOO_*) and
 * the credential (401) keep their status by design.
 */
export function requestErrorStatus(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      return {
        async willSendResponse({ response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          if (!errors.every((e) => REQUEST_ERRORS.has(String(e.extensions?.code)))) return;
          if (answersJson(request.http?.headers.get('accept'))) response.http.status = 200;
        },
      };
    },
  };
}
