import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { AppError, type FieldProblem } from '../common/errors';
import { databaseOutage, unavailable } from '../db/errors';

/** Codes that graphql-js, Apollo and our AppError produce on purpose: safe to show as they are. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

export const UNEXPECTED = 'Unexpected error.';

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * The retryable SERVICE_UNAVAILABLE error that `error` amounts to, or null when it is no
 * outage: a database that cannot be reached, did not answer in time or is too busy (see
 * db/errors.ts) is a condition of the server, and the same request may succeed later.
 * Takes errors as thrown, as resolvers' errors wrap them, and as Apollo wraps a failed
 * context; for any path that shapes its own errors (subscriptions, the read audit).
 */
export function asServiceUnavailable(error: unknown): AppError | null {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return original.code === 'SERVICE_UNAVAILABLE' ? original : null;
  const outage =
    databaseOutage(original) ?? databaseOutage((original as { originalError?: unknown } | null)?.originalError);
  return outage ? unavailable(outage) : null;
}

/**
 * The one place errors are shaped for clients. Typed errors keep their code and message;
 * class-validator failures name each bad field; database outages become the retryable
 * SERVICE_UNAVAILABLE; anything else (a TypeORM error, a bug) becomes "Unexpected error."
 * — its details go to the log, never to the client.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };
  if (original instanceof ArgumentValidationError) {
    const fields = flatten(original.extensions.validationErrors as ValidationError[]);
    const message = `Invalid input: ${fields.map((f) => f.message).join('; ')}`;
    return { ...base, message, extensions: { code: 'BAD_USER_INPUT', fields } };
  }
  const known = original instanceof AppError ? original : asServiceUnavailable(original);
  if (known) {
    const { http: _http, ...extensions } = known.extensions;
    return { ...base, message: known.message, extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PASS_THROUGH.has(code)) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  return { ...base, message: UNEXPECTED, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** True when formatError would hide this error: such errors are logged in full. */
export function isUnexpected(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError || original instanceof ArgumentValidationError || asServiceUnavailable(original))
    return false;
  const code = (original as { extensions?: { code?: unknown } })?.extensions?.code;
  return !(typeof code === 'string' && PASS_THROUGH.has(code));
}
