import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole, assertMayWriteOneOf, readsCredit, WriteRight } from '../auth/guard';
import { CREDIT_DECIDERS, CREDIT_REQUEST_KINDS } from '../auth/policy';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { expectId } from '../common/global-id';
import { SortSpec } from '../common/paging';
import { scopeByCustomer, scopeVariant } from '../customers/customer.scope';
import type { CreditRequest } from './credit-request.entity';

/** Newest first: the queue a general manager works through, and a requester's own list. */
export const NEWEST_FIRST: SortSpec = { key: { property: 'createdAt', kind: 'date' }, direction: 'DESC' };

/**
 * Row scope of credit requests: those of visible customers, and of those only the caller's
 * own unless it reads credit fields (a request is credit data of the archive: it tells that
 * the customer needs more credit than it has).
 */
export function scopeCreditRequests<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, viewer: Viewer): SelectQueryBuilder<T> {
  scopeByCustomer(qb, alias, viewer);
  if (readsCredit(viewer)) return qb;
  if (viewer.userId === null) return qb.andWhere('1 = 0');
  return qb.andWhere(`${alias}.requestedById = :requester`, { requester: viewer.userId });
}

/** What the conditions of scopeCreditRequests depend on, values aside (db/reuse-sql.ts). */
export const creditRequestVariant = (viewer: Viewer): string =>
  `${scopeVariant(viewer)}:${readsCredit(viewer) ? 'all' : viewer.userId === null ? 'none' : 'own'}`;

/** The requester's right: it records orders or payments, and (for reps) for its own customers. */
export function assertMayRequest(viewer: Viewer, what: string): WriteRight & { requesterId: number } {
  const right = assertMayWriteOneOf(viewer, 'Trade', 'create', CREDIT_REQUEST_KINDS, what);
  if (viewer.userId === null) throw forbidden(`${what} without an employee identity (your token's subject is not a user id)`);
  return Object.assign(right, { requesterId: viewer.userId });
}

export const trimmedReason = (reason: string, field = 'reason'): string => {
  const text = reason.trim();
  if (text.length < 5) throw badInput(field, 'must say why, in at least 5 characters');
  return text;
};

export interface DecideArgs {
  id: string;
  version: number;
}

/**
 * The request a general manager's decision is about, with every rule checked against the row
 * as read (the versioned UPDATE then only succeeds if the row is still that version).
 */
export async function decidable<T extends CreditRequest & { status: string }>(
  viewer: Viewer, type: string, args: DecideArgs, what: string, load: (id: number) => Promise<T | null>,
): Promise<T> {
  assertAnyRole(viewer, CREDIT_DECIDERS, what);
  if (viewer.userId === null) throw forbidden(`${what} without an employee identity (your token's subject is not a user id)`);
  const request = await load(expectId(args.id, type, 'id'));
  if (!request) throw notFound(type, args.id);
  if (request.requestedById === viewer.userId) throw forbidden(`${what}: it is your own request (审批须由他人)`);
  if (request.version !== args.version) {
    throw conflict(`${type} ${args.id} was changed by someone else (your version ${args.version} is stale): read it again and retry.`);
  }
  if (request.status !== 'REQUESTED') throw badInput('status', `only a REQUESTED request can be decided; this one is ${request.status}`);
  return request;
}
