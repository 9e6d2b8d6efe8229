import { type EntityManager, In } from 'typeorm';
import { addDays } from '../config/rules';
import { dayKey } from '../care/day-key';
import { Customer } from '../customers/customer.entity';
import { TradeKind } from '../trades/trade.enums';
import { fromDbTime } from './db-time';
import { type DerivedChange, writeDerived } from './derived-columns';

const DAY_MS = 86_400_000;

/**
 * The purchase cycle (购买周期) a customer is held to: its own purchaseCycleDays, else the
 * median gap in days between the days it ordered on (several orders on one day are one
 * purchase), rounded up; null with fewer than two such days and no cycle of its own.
 */
export function purchaseCycle(ownCycleDays: number | null, orderTimes: readonly Date[]): number | null {
  if (ownCycleDays !== null) return ownCycleDays;
  const days = [...new Set(orderTimes.map((t) => Math.floor(t.getTime() / DAY_MS)))].sort((a, b) => a - b);
  if (days.length < 2) return null;
  const gaps = days
    .slice(1)
    .map((d, i) => d - days[i])
    .sort((a, b) => a - b);
  const mid = gaps.length / 2;
  return Math.ceil(gaps.length % 2 ? gaps[Math.floor(mid)] : (gaps[mid - 1] + gaps[mid]) / 2);
}

/** The decline columns (业务下滑提醒) of one customer from its live orders, and its first trade's day key. */
export function purchaseDue(ownCycleDays: number | null, orderTimes: readonly Date[], firstTradeAt: Date | null) {
  const lastOrderAt = orderTimes.length ? new Date(Math.max(...orderTimes.map((t) => t.getTime()))) : null;
  const cycle = purchaseCycle(ownCycleDays, orderTimes);
  return {
    lastOrderAt,
    nextPurchaseDueAt: lastOrderAt && cycle !== null ? addDays(lastOrderAt, cycle) : null,
    firstTradeKey: dayKey(firstTradeAt),
  };
}

/**
 * Recomputes lastOrderAt, nextPurchaseDueAt and the first trade's day key of these customers
 * from their orders that were not cancelled, in the writer's transaction. Called with the
 * trade statistics (trades/trade-stats.ts) and when a purchase cycle changes.
 */
export async function refreshPurchaseDue(em: EntityManager, customerIds: readonly number[]): Promise<DerivedChange[]> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return [];
  const rows = await em.getRepository(Customer).find({
    where: { id: In(ids) },
    order: { id: 'ASC' },
    select: {
      id: true,
      purchaseCycleDays: true,
      firstTradeAt: true,
      lastOrderAt: true,
      nextPurchaseDueAt: true,
      firstTradeKey: true,
    },
  });
  const orders = (await em.query(
    `SELECT t.customer_id AS customerId, t.occurred_at AS at FROM trade t WHERE t.customer_id IN (${ids.map(() => '?').join(', ')}) AND t.kind = ? AND t.cancelled_at IS NULL`,
    [...ids, TradeKind.ORDER],
  )) as { customerId: number | string; at: unknown }[];
  const timesOf = new Map<number, Date[]>();
  for (const o of orders) {
    const id = Number(o.customerId);
    if (!timesOf.has(id)) timesOf.set(id, []);
    timesOf.get(id)!.push(fromDbTime(o.at)!);
  }
  return writeDerived(
    em,
    rows.map((row) => {
      const times = timesOf.get(row.id) ?? [];
      return { before: row, after: purchaseDue(row.purchaseCycleDays, times, row.firstTradeAt) };
    }),
  );
}
