import { GraphQLError } from 'graphql';

/**
 * Every error a client may see is an AppError with one of these codes.
 * Anything else is masked by formatError as "Unexpected error.".
 */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'CREDIT_LIMIT_EXCEEDED'
  | 'ARCHIVE_NOT_APPROVED'
  | 'CURSOR_EXPIRED'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TOO_LARGE'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX';

const HTTP_STATUS: Record<ErrorCode, number | undefined> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: undefined,
  NOT_FOUND: undefined,
  BAD_USER_INPUT: undefined,
  CONFLICT: undefined,
  CREDIT_LIMIT_EXCEEDED: undefined,
  ARCHIVE_NOT_APPROVED: undefined,
  CURSOR_EXPIRED: undefined,
  SERVICE_UNAVAILABLE: 503,
  QUERY_TOO_LARGE: 400,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COMPLEX: 400,
};

export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    super(message, { extensions: { code, ...extra, ...(status ? { http: { status } } : {}) } });
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

/** Why a credential was refused; never which key or secret failed to match. */
export type AuthFailure = 'MISSING' | 'MALFORMED' | 'EXPIRED' | 'REVOKED' | 'INVALID';

const AUTH_FAILURES: Record<AuthFailure, string> = {
  MISSING: 'Authentication required: send Authorization: Bearer <token> (or ApiKey <key> for partner apps).',
  MALFORMED: 'The credential is malformed: send Authorization: Bearer <JWT> or ApiKey <key>.',
  EXPIRED: 'The token has expired: get a new one.',
  REVOKED: "The credential was revoked: the API key is unknown or revoked, or the token's employee is unknown or has left.",
  INVALID: 'The token is not valid for this service.',
};

export const unauthenticated = (reason: AuthFailure = 'MISSING') =>
  new AppError('UNAUTHENTICATED', AUTH_FAILURES[reason], { reason });
/** A subscription's token expired or its partner key was revoked while it ran. */
export const credentialEnded = () =>
  new AppError('UNAUTHENTICATED', 'Your token expired or your key was revoked: this subscription ended. Reconnect with a valid credential and resume with `after`.');
export const forbidden = (what: string) => new AppError('FORBIDDEN', `Not allowed: ${what}.`);
/**
 * Same bytes for "missing" and "hidden": a hidden record must be indistinguishable from a
 * missing one, so the message names the type only (the caller knows which id it sent).
 */
export const notFound = (type: string, _id?: string) => new AppError('NOT_FOUND', `${type} not found.`);
export const badInput = (field: string, message: string) =>
  new AppError('BAD_USER_INPUT', `Invalid ${field}: ${message}`, { fields: [{ field, message }] });
export const badInputs = (problems: FieldProblem[]) =>
  new AppError(
    'BAD_USER_INPUT',
    `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    { fields: problems },
  );
export const conflict = (message: string) => new AppError('CONFLICT', message);
/**
 * Says nothing of the balance or the limit unless `overBy` is given, which the trades
 * service does only for callers who may read credit fields.
 */
export const creditLimitExceeded = (overBy?: string) =>
  new AppError(
    'CREDIT_LIMIT_EXCEEDED',
    `Refused: this order on credit would take the customer's outstanding balance over its credit limit${overBy === undefined ? '' : ` by ${overBy}`}; it needs a general manager's approved override (超出资信度发货须经总经理签字).`,
    overBy === undefined ? {} : { overBy },
  );

/** A document refused by a limit (MAX_QUERY_…): the message names the limit, never the schema or the code. */
export const queryLimit = (code: 'QUERY_TOO_LARGE' | 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX', message: string) => new AppError(code, message);

/** A change-feed cursor older than the retained events: what it missed is gone, so resync. */
export const cursorExpired = () =>
  new AppError('CURSOR_EXPIRED', 'This cursor is older than the retained change events: resync (re-read the records), then subscribe without `after` or with a fresh cursor.');
/**
 * A cursor past the newest event: the database went back (restored from a backup, or lost
 * its last commits), so later events may come under numbers this client has already passed.
 * Same code as an expired cursor, because the remedy is the same: resync.
 */
export const cursorAhead = () =>
  new AppError('CURSOR_EXPIRED', 'This cursor is ahead of the change feed (the database was restored or lost its last changes): resync (re-read the records), then subscribe without `after` or with a fresh cursor.');

/**
 * The database cannot take the request now (unreachable, too slow, too busy, its disk full,
 * another process holding its lock): a condition of the server, not of the request, so the
 * same request may succeed later. The message says what happened to the request and when
 * to retry; `writeOutcome: 'UNKNOWN'` marks a write whose COMMIT got no answer.
 */
export const serviceUnavailable = (message: string, extra: { writeOutcome?: 'UNKNOWN' } = {}) => new AppError('SERVICE_UNAVAILABLE', message, extra);
