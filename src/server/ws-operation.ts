import {
  type DocumentNode,
  type ExecutionArgs,
  getOperationAST,
  GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { documentRefusal, operationRefusal, type QueryLimits } from './query-limits';

/** As Apollo's hideSchemaDetailsFromClientErrors does on HTTP: validation messages name no fields the caller did not write. */
function withoutSuggestion(error: GraphQLError): GraphQLError {
  error.message = error.message.replace(/ ?Did you mean(.+?)\?$/, '');
  return error;
}

/**
 * A `subscribe` message's document as HTTP takes one: bytes and tokens counted before it
 * is parsed, the standard validation, then the operation limits. Returns what graphql-ws
 * runs, or the errors it sends back instead.
 */
export function prepareOperation(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  limits: QueryLimits,
  hideSuggestions: boolean,
): ExecutionArgs | readonly GraphQLError[] {
  const tooLarge = documentRefusal(payload.query, limits);
  if (tooLarge) return [tooLarge];
  let document: DocumentNode;
  try {
    document = parse(payload.query);
  } catch (err) {
    return [err as GraphQLError];
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return hideSuggestions ? invalid.map(withoutSuggestion) : invalid;
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) {
    return [
      new GraphQLError("Name one of the document's operations in operationName.", {
        extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
      }),
    ];
  }
  const overLimit = operationRefusal(schema, document, operation, payload.variables ?? {}, limits);
  if (overLimit) return [overLimit];
  return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
}
