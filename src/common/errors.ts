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
  | 'NEW_CUSTOMER_CASH_ONLY'
  | 'CREDIT_OVERRIDE_UNUSABLE'
  | 'CREDIT_LIMIT_RAISE_NEEDS_APPROVAL'
  | 'TRADE_CANCELLED'
  | 'COMPLAINT_STEP_REFUSED'
  | 'CLASSIFICATION_REFUSED'
  | 'CONSENT_REQUIRED'
  | 'CORRECTIVE_ACTION_REFUSED'
  | 'ARCHIVE_NOT_APPROVED'
  | 'CURSOR_EXPIRED'
  | 'CURSOR_UNKNOWN'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TOO_LARGE'
  | 'QUERY_TOO_DEEP'
  | 'QUERY_TOO_COMPLEX'
  | 'OPERATION_NOT_TRUSTED';

const HTTP_STATUS: Record<ErrorCode, number | undefined> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: undefined,
  NOT_FOUND: undefined,
  BAD_USER_INPUT: undefined,
  CONFLICT: undefined,
  CREDIT_LIMIT_EXCEEDED: undefined,
  NEW_CUSTOMER_CASH_ONLY: undefined,
  CREDIT_OVERRIDE_UNUSABLE: undefined,
  CREDIT_LIMIT_RAISE_NEEDS_APPROVAL: undefined,
  TRADE_CANCELLED: undefined,
  COMPLAINT_STEP_REFUSED: undefined,
  CLASSIFICATION_REFUSED: undefined,
  CONSENT_REQUIRED: undefined,
  CORRECTIVE_ACTION_REFUSED: undefined,
  ARCHIVE_NOT_APPROVED: undefined,
  CURSOR_EXPIRED: undefined,
  CURSOR_UNKNOWN: undefined,
  SERVICE_UNAVAILABLE: 503,
  QUERY_TOO_LARGE: 400,
  QUERY_TOO_DEEP: 400,
  QUERY_TOO_COMPLEX: 400,
  OPERATION_NOT_TRUSTED: 400,
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
  REVOKED:
    "The credential was revoked: the API key is unknown or revoked, or the token's employee is unknown or has left.",
  INVALID: 'The token is not valid for this service.',
};

export const unauthenticated = (reason: AuthFailure = 'MISSING') =>
  new AppError('UNAUTHENTICATED', AUTH_FAILURES[reason], { reason });
/** A subscription's token expired or its partner key was revoked while it ran. */
export const credentialEnded = () =>
  new AppError(
    'UNAUTHENTICATED',
    'Your token expired or your key was revoked: this subscription ended. Reconnect with a valid credential and resume with `after`.',
  );
export const forbidden = (what: string) => new AppError('FORBIDDEN', `Not allowed: ${what}.`);
/**
 * Same bytes for "missing" and "hidden": a hidden record must be indistinguishable from a
 * missing one, so the message names the type only (the caller knows which id it sent).
 */
export const notFound = (type: string, _id?: string) => new AppError('NOT_FOUND', `${type} not found.`);
export const badInput = (field: string, message: string) =>
  new AppError('BAD_USER_INPUT', `Invalid ${field}: ${message}`, { fields: [{ field, message }] });
export const badInputs = (problems: FieldProblem[]) =>
  new AppError('BAD_USER_INPUT', `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
    fields: problems,
  });
export const conflict = (message: string) => new AppError('CONFLICT', message);
/**
 * Says nothing of the balance or the limit unless `overBy` is given, which the trades
 * service does only for callers who may read credit fields.
 */
export const creditLimitExceeded = (overBy?: string) =>
  new AppError(
    'CREDIT_LIMIT_EXCEEDED',
    `Refused: this order on credit would take the customer's outstanding balance over its credit limit${overBy === undefined ? '' : ` by ${overBy}`}; ` +
      "it needs a general manager's approved override (超出资信度发货须经总经理签字): ask with requestCreditOverride, then name it as overrideId.",
    overBy === undefined ? {} : { overBy },
  );

/** A document refused by a limit (MAX_QUERY_…): the message names the limit, never the schema or the code. */
export const queryLimit = (code: 'QUERY_TOO_LARGE' | 'QUERY_TOO_DEEP' | 'QUERY_TOO_COMPLEX', message: string) =>
  new AppError(code, message);

/** The first months after approval are cash only (seed 003: 新开客户前一个月合作采用现款形式). */
export const newCustomerCashOnly = (until: Date) =>
  new AppError(
    'NEW_CUSTOMER_CASH_ONLY',
    `Refused: a new customer buys for cash only until ${until.toISOString()} (新开客户前一个月合作采用现款形式); ` +
      "an order on credit before then needs a general manager's approved override: ask with requestCreditOverride, then name it as overrideId.",
    {
      fields: [{ field: 'paymentMethod', message: `CASH until ${until.toISOString()}, or name an approved override` }],
      until: until.toISOString(),
    },
  );

/** The override an order named cannot be used by it; `why` says which condition failed. */
export const creditOverrideUnusable = (why: string) =>
  new AppError('CREDIT_OVERRIDE_UNUSABLE', `Refused: this credit override cannot be used by this order: ${why}.`, {
    fields: [{ field: 'overrideId', message: why }],
  });

/** Raising a limit is a request a general manager approves; lowering it is finance's own step. */
export const limitRaiseNeedsApproval = (field = 'creditLimit') =>
  new AppError(
    'CREDIT_LIMIT_RAISE_NEEDS_APPROVAL',
    "Refused: a higher credit limit needs a general manager's approval (要加大欠款额度须经总经理批准): ask with requestCreditLimitRaise. A lower or equal limit may be set here.",
    { fields: [{ field, message: 'higher than the current limit: use requestCreditLimitRaise' }] },
  );

/** A cancelled trade is kept as it was cancelled. */
export const tradeCancelled = () =>
  new AppError(
    'TRADE_CANCELLED',
    'Refused: this trade was cancelled; it is kept as it was. Record a new trade instead.',
  );

/** A complaint moves one step at a time (open → in progress → resolved → closed, reopening to in progress). */
export const complaintStepRefused = (message: string) =>
  new AppError('COMPLAINT_STEP_REFUSED', `Refused: ${message}.`, { fields: [{ field: 'status', message }] });

/** A step of the ABC classification (ABC分类) that its rules do not allow; `why` names the condition. */
export const classificationRefused = (why: string) => new AppError('CLASSIFICATION_REFUSED', `Refused: ${why}.`);

/** Marketing to a person needs the person's recorded consent (个人信息保护法): purpose, date and marketingConsent. */
export const consentRequired = (field: string) =>
  new AppError(
    'CONSENT_REQUIRED',
    'Refused: contacting this person for marketing (a GREETING) needs their recorded consent: ' +
      'set marketingConsent with consentPurpose and consentAt on the contact first (个人信息保护法).',
    { fields: [{ field, message: 'the contact has not consented to marketing' }] },
  );

/** A corrective action (纠正预防措施) is recorded once per survey; `why` says what stands in the way. */
export const correctiveActionRefused = (why: string) =>
  new AppError('CORRECTIVE_ACTION_REFUSED', `Refused: ${why}.`, {
    fields: [{ field: 'correctiveAction', message: why }],
  });

/** A change-feed cursor older than the retained events: what it missed is gone, so resync. */
export const cursorExpired = () =>
  new AppError(
    'CURSOR_EXPIRED',
    'This cursor is older than the retained change events: resync (re-read the records), then subscribe without `after` or with a fresh cursor.',
  );
/**
 * A cursor past the newest event: from another environment, or the database went back
 * (restored from a backup, or lost its last commits), so later events may come under numbers
 * this client has already passed. Its own code: nothing expired, the cursor is not of this feed.
 */
export const cursorAhead = () =>
  new AppError(
    'CURSOR_UNKNOWN',
    'This cursor is ahead of the change feed (it comes from another environment, or the database was restored or lost its last changes): resync (re-read the records), then start from `changesHead` or subscribe without `after`.',
  );

/**
 * The database cannot take the request now (unreachable, too slow, too busy, its disk full,
 * another process holding its lock): a condition of the server, not of the request, so the
 * same request may succeed later. The message says what happened to the request and when
 * to retry; `writeOutcome: 'UNKNOWN'` marks a write whose COMMIT got no answer.
 */
export const serviceUnavailable = (message: string, extra: { writeOutcome?: 'UNKNOWN' } = {}) =>
  new AppError('SERVICE_UNAVAILABLE', message, extra);
