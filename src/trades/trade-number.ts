import type { EntityManager } from 'typeorm';

/**
 * 交易编号 when the caller gives none: the archive number, a dash and the archive's next
 * trade sequence (HD2026000123-0007). Counting per archive means a number tells nothing about
 * trades the caller cannot see (a global counter would show their volume in its gaps). Runs
 * in the trade's transaction after lockCustomers, so the counter has one writer at a time; a
 * number someone already gave by hand is skipped.
 */
export async function nextTradeNumber(em: EntityManager, customerId: number): Promise<string> {
  for (;;) {
    await em.query('UPDATE customer SET trade_seq = trade_seq + 1 WHERE id = ?', [customerId]);
    const [row] = (await em.query('SELECT archive_no AS archiveNo, trade_seq AS seq FROM customer WHERE id = ?', [
      customerId,
    ])) as {
      archiveNo: string;
      seq: number | string;
    }[];
    const tradeNo = `${row.archiveNo}-${String(row.seq).padStart(4, '0')}`;
    const taken = (await em.query('SELECT 1 AS x FROM trade WHERE customer_id = ? AND trade_no = ?', [
      customerId,
      tradeNo,
    ])) as unknown[];
    if (taken.length === 0) return tradeNo;
  }
}
