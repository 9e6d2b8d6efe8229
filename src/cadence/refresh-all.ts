import { DataSource, type EntityManager } from 'typeorm';
import type { CadenceRules } from './care-dues';
import { refreshCareDues } from './care-dues';
import { refreshPurchaseDue } from './purchase-due';
import { writeTransaction } from '../db/transaction';

const BATCH = 500;

/** Customer ids after `after`, in id order. */
async function nextIds(em: EntityManager, after: number): Promise<number[]> {
  const rows = (await em.query(`SELECT id FROM customer WHERE id > ? ORDER BY id LIMIT ${BATCH}`, [after])) as {
    id: unknown;
  }[];
  return rows.map((r) => Number(r.id));
}

/**
 * Recomputes every customer's due columns (calls, visits, surveys, purchases) from its visits,
 * orders, surveys and class, a batch at a time: after the cadence configuration changed, and
 * once when the columns were added (the migration). Writes keep them current otherwise.
 * `em` runs it inside that transaction; a DataSource takes one transaction per batch.
 */
export async function refreshAllDues(target: DataSource | EntityManager, rules: CadenceRules): Promise<number> {
  let done = 0;
  const em = target instanceof DataSource ? target.manager : target;
  for (let after = 0; ;) {
    const ids = await nextIds(em, after);
    if (ids.length === 0) return done;
    const refresh = async (m: EntityManager) => {
      await refreshCareDues(m, ids, rules);
      await refreshPurchaseDue(m, ids);
    };
    if (target instanceof DataSource) await writeTransaction(target, refresh);
    else await refresh(target);
    done += ids.length;
    after = ids[ids.length - 1];
  }
}
