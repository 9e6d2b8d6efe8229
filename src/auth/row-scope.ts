import { type ObjectLiteral, type SelectQueryBuilder, VirtualColumn } from 'typeorm';
import type { Viewer } from './jwt';
import { POLICY } from './policy';

/**
 * Row scope of archives: the one WHERE every read of customers, and of records that
 * belong to a customer, passes through. A row outside it behaves as if it did not exist.
 * A-class archives are visible to roles that see them outright, and to roles that may
 * borrow (借阅) while an approved grant for that archive and that user is running.
 */
export function seesClassA(viewer: Viewer): boolean {
  return viewer.roles.some((role) => POLICY[role].seesClassA);
}

const mayBorrow = (viewer: Viewer) =>
  viewer.userId !== null && viewer.roles.some((role) => POLICY[role].classAWithGrant);

/**
 * Which of the conditions below applies to this viewer, values aside: viewers of one variant
 * get the same SQL text, so it is part of a reused query's shape (common/reuse-sql.ts).
 */
export function scopeVariant(viewer: Viewer): 'all' | 'no-class-a' | 'no-class-a-but-grants' {
  if (seesClassA(viewer)) return 'all';
  return mayBorrow(viewer) ? 'no-class-a-but-grants' : 'no-class-a';
}

/**
 * Viewers with equal keys see exactly the same rows: what the conditions below depend on.
 * The change feed asks the scope question once per key and batch, not once per subscriber.
 */
export function scopeKey(viewer: Viewer): string {
  const variant = scopeVariant(viewer);
  return variant === 'no-class-a-but-grants' ? `${variant}-of:${viewer.userId}` : variant;
}

/** SQL condition "the customer row `customerAlias` is visible", with its parameters. */
function visibleCustomer(
  viewer: Viewer,
  customerAlias: string,
  classColumn: string,
): [string, Record<string, unknown>] {
  if (!mayBorrow(viewer)) return [`${customerAlias}.${classColumn} <> 'A'`, {}];
  return [
    `(${customerAlias}.${classColumn} <> 'A' OR EXISTS (SELECT 1 FROM access_grant g WHERE g.customer_id = ${customerAlias}.id` +
      ` AND g.user_id = :scopeUser AND g.status = 'APPROVED' AND g.ends_at > :scopeNow))`,
    { scopeUser: viewer.userId, scopeNow: new Date() },
  ];
}

export function scopeCustomers<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  viewer: Viewer,
): void {
  if (seesClassA(viewer)) return;
  const [condition, params] = visibleCustomer(viewer, alias, 'abcClass');
  qb.andWhere(condition, params);
}

/** For contacts, trades, complaints and visits: visible only when their customer is. */
export function scopeByCustomer<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  viewer: Viewer,
): void {
  if (seesClassA(viewer)) return;
  const [condition, params] = visibleCustomer(viewer, 'sc', 'abc_class');
  qb.andWhere(`EXISTS (SELECT 1 FROM customer sc WHERE sc.id = ${alias}.customerId AND ${condition})`, params);
}

/**
 * On a record that belongs to a customer (contact, trade, complaint, visit): that customer's
 * archive number when the archive is A-class, else null. Read with the row, one primary-key
 * lookup per row and no statement of its own, so the read audit knows which rows belong to
 * a confidential archive (and change-feed snapshots carry it from the writing transaction).
 */
export const ClassAArchiveColumn = () =>
  VirtualColumn({
    type: 'varchar',
    query: (alias) => `SELECT ca.archive_no FROM customer ca WHERE ca.id = ${alias}.customer_id AND ca.abc_class = 'A'`,
  });
