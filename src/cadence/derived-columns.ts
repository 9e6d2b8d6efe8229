import type { EntityManager } from 'typeorm';
import { Customer } from '../customers/customer.entity';

/** A customer whose derived columns a write moved: its change event names them, with the old values for the history. */
export interface DerivedChange {
  id: number;
  fields: string[];
  before: Partial<Customer>;
}

const same = (a: unknown, b: unknown) =>
  a instanceof Date || b instanceof Date
    ? (a == null) === (b == null) && (a == null || new Date(a as Date).getTime() === new Date(b as Date).getTime())
    : a === b;

/**
 * Stores recomputed derived columns of customers (statistics, not anyone's edit: the version
 * and updatedAt stay, as with the trade statistics) where they differ from what was read,
 * in one statement however many customers moved, and reports those customers and fields.
 */
export async function writeDerived(
  em: EntityManager,
  items: { before: Partial<Customer> & { id: number }; after: Partial<Customer> }[],
): Promise<DerivedChange[]> {
  const out: DerivedChange[] = [];
  const values = new Map<string, { id: number; value: unknown }[]>();
  for (const { before, after } of items) {
    const fields = Object.keys(after).filter((k) => !same(before[k as keyof Customer], after[k as keyof Customer]));
    if (fields.length === 0) continue;
    for (const field of fields) {
      const value = { id: before.id, value: after[field as keyof Customer] };
      const list = values.get(field);
      if (list) list.push(value);
      else values.set(field, [value]);
    }
    out.push({ id: before.id, fields, before });
  }
  if (out.length === 0) return out;
  const metadata = em.connection.getMetadata(Customer);
  const params: Record<string, unknown> = {};
  const set: Record<string, () => string> = { version: () => 'version', updatedAt: () => 'updated_at' };
  [...values.entries()].forEach(([field, rows], f) => {
    const column = metadata.findColumnWithPropertyName(field)!.databaseName;
    const cases = rows.map((row, r) => {
      Object.assign(params, { [`d${f}i${r}`]: row.id, [`d${f}v${r}`]: row.value });
      return `WHEN :d${f}i${r} THEN :d${f}v${r}`;
    });
    set[field] = () => `CASE id ${cases.join(' ')} ELSE ${column} END`;
  });
  await em
    .createQueryBuilder()
    .update(Customer)
    .set(set as never)
    .where('id IN (:...derivedIds)', { derivedIds: out.map((c) => c.id) })
    .setParameters(params)
    .execute();
  return out;
}
