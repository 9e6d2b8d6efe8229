import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { POLICY } from '../auth/policy';

/**
 * Row scope of archives: the one WHERE every read of customers, and of records that
 * belong to a customer, passes through. A row outside it behaves as if it did not exist.
 */
export function seesClassA(viewer: Viewer): boolean {
  return viewer.roles.some((role) => POLICY[role].seesClassA);
}

export function scopeCustomers<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, viewer: Viewer): void {
  if (!seesClassA(viewer)) qb.andWhere(`${alias}.abcClass <> 'A'`);
}

/** For contacts, trades, complaints and visits: visible only when their customer is. */
export function scopeByCustomer<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, viewer: Viewer): void {
  if (!seesClassA(viewer)) {
    qb.andWhere(`EXISTS (SELECT 1 FROM customer sc WHERE sc.id = ${alias}.customerId AND sc.abc_class <> 'A')`);
  }
}
