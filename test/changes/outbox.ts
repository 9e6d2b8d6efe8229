/** Events written straight into the outbox, as a bulk write would commit them, for delivery tests. */
import type { DataSource } from 'typeorm';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import type { Customer } from '../../src/customers/customer.entity';
import { writeTransaction } from '../../src/db/transaction';

/** Commits `n` UPDATED events of `customer` in one transaction, each carrying `snapshot`, as of `occurredAt`: their seqs. */
export async function commitEvents(
  ds: DataSource,
  customer: Customer,
  n: number,
  snapshot: object = customer,
  occurredAt = new Date(),
): Promise<number[]> {
  return writeTransaction(ds, async (em) => {
    await em.query('UPDATE change_sequence SET last = last + ? WHERE id = 1', [n]);
    const [{ last }] = (await em.query('SELECT last FROM change_sequence WHERE id = 1')) as { last: string | number }[];
    const first = Number(last) - n + 1;
    const payload = JSON.stringify(snapshot);
    const rows = Array.from({ length: n }, (_, i) => ({
      seq: first + i,
      recordType: 'Customer',
      recordId: customer.id,
      customerId: customer.id,
      operation: 'UPDATED' as never,
      changedFields: 'address',
      actorSubject: 'bulk-test',
      actorUserId: null,
      occurredAt,
      payload,
    }));
    for (let i = 0; i < rows.length; i += 500) await em.getRepository(ChangeEvent).insert(rows.slice(i, i + 500));
    return rows.map((r) => r.seq);
  });
}
