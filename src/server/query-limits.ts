import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema, Lexer, type OperationDefinitionNode, Source, TokenKind } from 'graphql';
import { type AppError, queryLimit } from '../common/errors';
import type { Config } from '../config/config';
import type { Context } from '../auth/context';
import { measure } from './query-measure';

/** MAX_QUERY_* from the configuration; HTTP and WebSocket apply the same ones. */
export type QueryLimits = Config['limits'];

/** True when the document has more than `max` tokens; stops lexing at the first one over. */
function tooManyTokens(query: string, max: number): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let n = 0; n <= max; n++) if (lexer.advance().kind === TokenKind.EOF) return false;
    return true;
  } catch {
    // A syntax error within the budget: the parser reports it, after no more tokens than this.
    return false;
  }
}

/**
 * Checked before a document is parsed: parsing and validating 40,000 aliases costs seconds
 * of the one thread, so size and tokens are counted first (lexing alone is a fraction of a
 * parse, and stops at the limit).
 */
export function documentRefusal(query: string, limits: QueryLimits): AppError | null {
  if (Buffer.byteLength(query) > limits.bytes)
    return queryLimit('QUERY_TOO_LARGE', `The document is larger than the limit of ${limits.bytes} bytes.`);
  if (tooManyTokens(query, limits.tokens))
    return queryLimit('QUERY_TOO_LARGE', `The document has more than the limit of ${limits.tokens} tokens.`);
  return null;
}

/** Checked once the operation is known and valid, before it runs; introspection is outside depth and cost. */
export function operationRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: QueryLimits,
): AppError | null {
  const m = measure(schema, document, operation, variables);
  if (m.aliases > limits.aliases)
    return queryLimit(
      'QUERY_TOO_COMPLEX',
      `The operation has ${m.aliases} aliases, over the limit of ${limits.aliases}.`,
    );
  if (m.depth > limits.depth)
    return queryLimit('QUERY_TOO_DEEP', `Query is nested deeper than ${limits.depth} levels.`);
  if (m.cost > limits.cost) {
    return queryLimit(
      'QUERY_TOO_COMPLEX',
      `Query cost ${m.cost} is over the limit of ${limits.cost} (fields times rows: ask for smaller pages or fewer fields).`,
    );
  }
  return null;
}

/** The operation limits on HTTP, as a 400 with the limit's code (the document limits run before parsing, in the request gate). */
export function queryLimits(limits: QueryLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          const refused = operation && operationRefusal(schema, document, operation, request.variables ?? {}, limits);
          if (refused) throw refused;
        },
      };
    },
  };
}
