import type { EntityManager } from 'typeorm';
import { Customer } from '../customers/customer.entity';

/** A customer whose derived columns a write moved: its change event names them, with the old values for the history. */
export interface DerivedChange {
  id: number;
  fields: string[];
  before: Partial<Customer>;
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date ? (a == null) === (b == null) && (a == null || new Date(a as Date).getTime() === new Date(b as Date).getTime()) : a === b;

/**
 * Stores recomputed derived columns of customers (statistics, not anyone's edit: the version
 * and updatedAt stay, as with the trade statistics) where they differ from what was read,
 * and reports those customers and fields.
 */
export async function writeDerived(em: EntityManager, items: { before: Partial<Customer> & { id: number }; after: Partial<Customer> }[]): Promise<DerivedChange[]> {
  const out: DerivedChange[] = [];
  for (const { before, after } of items) {
    const fields = Object.keys(after).filter((k) => !same(before[k as keyof Customer], after[k as keyof Customer]));
    if (fields.length === 0) continue;
    const values = Object.fromEntries(fields.map((f) => [f, after[f as keyof Customer]]));
    await em.createQueryBuilder().update(Customer)
      .set({ ...values, version: () => 'version', updatedAt: () => 'updated_at' } as never)
      .where('id = :id', { id: before.id }).execute();
    out.push({ id: before.id, fields, before });
  }
  return out;
}
