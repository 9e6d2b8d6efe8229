import type { EntityManager } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { notFound } from '../common/errors';
import { Customer } from '../customers/customer.entity';
import { scopeCustomers } from '../auth/row-scope';
import { distinct, type ReadRow } from './import-rows';
import type { FieldProblem } from './row-input';
import { groupBy } from '../common/group-by';

const KEYS = [
  ['customerArchiveNo', 'archiveNo', '档案编号'],
  ['customerCreditCode', 'creditCode', '统一社会信用代码'],
  ['customerName', 'name', '客户名称'],
] as const;

/**
 * The archive a contact or trade row belongs to, named by 档案编号, 统一社会信用代码 or
 * 客户名称 (the first given), among the archives the importer can see: a hidden or missing
 * one answers NOT_FOUND alike, as createContact and createTrade do.
 */
export class OwningCustomers {
  private constructor(private readonly found: Map<string, Map<string, Customer[]>>) {}

  static async lookUp(em: EntityManager, viewer: Viewer, rows: readonly ReadRow[]): Promise<OwningCustomers> {
    const found = new Map<string, Map<string, Customer[]>>();
    for (const [key, property] of KEYS) {
      const values = distinct(
        rows
          .map((r) => keyOf(r))
          .filter((k) => k?.[0] === key)
          .map((k) => k![1]),
      );
      let byValue = new Map<string, Customer[]>();
      if (values.length) {
        const qb = em
          .getRepository(Customer)
          .createQueryBuilder('c')
          .andWhere(`c.${property} IN (:...values)`, { values });
        scopeCustomers(qb, 'c', viewer);
        byValue = groupBy(await qb.getMany(), (c) => c[property] as string);
      }
      found.set(key, byValue);
    }
    return new OwningCustomers(found);
  }

  of(row: ReadRow): Customer | FieldProblem {
    const key = keyOf(row);
    if (!key)
      return { field: 'customerArchiveNo', reason: 'required: the customer’s 档案编号, 统一社会信用代码 or 客户名称' };
    const [field, value] = key;
    const same = this.found.get(field)?.get(value) ?? [];
    if (same.length > 1)
      return {
        field,
        reason: `${same.length} archives you can see match (${same.map((c) => c.archiveNo).join(', ')}): give 档案编号 to say which`,
      };
    return same[0] ?? { field, reason: notFound('Customer').message };
  }
}

function keyOf(row: ReadRow): [string, string] | null {
  for (const [key] of KEYS) {
    const value = row.values[key];
    if (typeof value === 'string') return [key, value];
  }
  return null;
}

/** The row's values without the keys naming its customer: what the input gets. */
export function withoutCustomerKeys(values: Record<string, unknown>): Record<string, unknown> {
  const { customerArchiveNo: _a, customerCreditCode: _c, customerName: _n, ...rest } = values;
  return rest;
}
