import { type EntityManager } from 'typeorm';
import { moneyFromDb, MONEY_MAX } from '../common/decimal.scalar';
import { badInput } from '../common/errors';
import { cents, fromCents } from '../common/money';
import { dialectOf } from '../db/data-source';
import { PaymentMethod, TradeKind } from './trade.enums';
import { refreshPurchaseDue } from '../cadence/purchase-due';

/**
 * What trades do to their customer's row: the derived statistics (交易次数, 交易金额,
 * first/last trade) and the outstanding balance under credit control (DOMAIN rule 5).
 * Both are recomputed from the trades in the transaction that writes a trade, so the row
 * never disagrees with its trades, whatever was edited, moved or cancelled: the balance is
 * the customer's opening balance (what it owed before its trades were recorded here) plus
 * its credit orders minus its payments, cancelled trades left out. It may go below zero (a
 * customer that paid ahead has credit), so no edit is ever lost to clamping. ROUND(…, 2) is
 * a no-op on MySQL's DECIMAL and removes binary-float noise on SQLite, which has none.
 */

/** The facts of a trade that move the outstanding balance. */
export interface BalanceFacts {
  customerId: number;
  kind: TradeKind;
  paymentMethod: PaymentMethod;
  amount: string;
  cancelledAt?: Date | null;
}

const AMOUNT = 'CAST(? AS DECIMAL(18, 2))';
const list = (ids: readonly number[]) => ids.map(() => '?').join(', ');

/** Runs one statement and returns the rows it matched (mysql2 reports found rows, not changed ones). */
async function execute(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const runner = em.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('trade-stats: call inside the transaction that writes the trade');
  const result = await runner.query(sql, params, true);
  return result.affected ?? 0;
}

/**
 * Takes the customer rows' write locks before the trade is touched, in id order, so two
 * writers of one customer queue here instead of deadlocking between the trade insert and
 * the statistics' reads of trade. SQLite admits one writer at a time already.
 */
export async function lockCustomers(em: EntityManager, customerIds: readonly number[]): Promise<void> {
  if (dialectOf(em.connection) !== 'mysql') return;
  const ids = [...new Set(customerIds)].sort((a, b) => a - b);
  await em.query(`SELECT id FROM customer WHERE id IN (${list(ids)}) ORDER BY id FOR UPDATE`, ids);
}

/** What a live trade `t` adds to its customer's balance: + a credit order, − a payment, 0 otherwise. */
export const LEDGER_AMOUNT =
  `CASE WHEN t.kind = '${TradeKind.ORDER}' AND t.payment_method = '${PaymentMethod.CREDIT}' THEN t.amount` +
  ` WHEN t.kind = '${TradeKind.PAYMENT}' THEN -t.amount ELSE 0 END`;

/**
 * Recomputes the statistics and the balance of these customers from their live trades, in one
 * statement (and the last order and next purchase due, cadence/purchase-due.ts), and refuses the write if a total left MONEY_MAX behind (see totalsBeyondMax).
 */
export async function refreshTradeStats(em: EntityManager, customerIds: readonly number[]): Promise<void> {
  const ids = [...new Set(customerIds)];
  const mine = 'FROM trade t WHERE t.customer_id = customer.id AND t.cancelled_at IS NULL';
  await execute(
    em,
    `UPDATE customer SET
       trade_count = (SELECT COUNT(*) ${mine} AND t.kind = ?),
       trade_total = (SELECT ROUND(COALESCE(SUM(CASE t.kind WHEN ? THEN t.amount WHEN ? THEN -t.amount ELSE 0 END), 0), 2) ${mine}),
       first_trade_at = (SELECT MIN(t.occurred_at) ${mine}),
       last_trade_at = (SELECT MAX(t.occurred_at) ${mine}),
       outstanding_balance = ROUND(opening_balance + (SELECT COALESCE(SUM(${LEDGER_AMOUNT}), 0) ${mine}), 2)
     WHERE id IN (${list(ids)})`,
    [TradeKind.ORDER, TradeKind.ORDER, TradeKind.RETURN, ...ids],
  );
  if (await totalsBeyondMax(em, ids)) {
    throw badInput(
      'amount',
      `this would take the customer's trade totals past ${MONEY_MAX} CNY, the most an archive keeps`,
    );
  }
  // The decline alert's columns (业务下滑提醒) come from the same orders.
  await refreshPurchaseDue(em, ids);
}

/**
 * Every amount is at most MONEY_LIMITS.trade, but a customer may have any number of trades:
 * what bounds its totals is this check. The trade total's orders and returns together,
 * not just their difference, stay within MONEY_MAX, so every partial sum SQLite adds up
 * in doubles is exact too; the balance (which reverted payments can lift above the credit
 * limit) likewise. The message names neither the balance nor a limit.
 */
async function totalsBeyondMax(em: EntityManager, ids: readonly number[]): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `SELECT c.id FROM customer c WHERE c.id IN (${list(ids)}) AND (c.outstanding_balance > ${AMOUNT}
       OR (SELECT COALESCE(SUM(t.amount), 0) FROM trade t WHERE t.customer_id = c.id AND t.kind IN (?, ?)) > ${AMOUNT})`,
    [...ids, MONEY_MAX, TradeKind.ORDER, TradeKind.RETURN, MONEY_MAX],
  );
  return rows.length > 0;
}

/** A customer's balance and limit as the row holds them now (read under lockCustomers). */
export async function creditState(
  em: EntityManager,
  customerId: number,
): Promise<{ balance: string; limit: string; archiveNo: string }> {
  const [row] = (await em.query(
    'SELECT outstanding_balance AS balance, credit_limit AS lim, archive_no AS archiveNo FROM customer WHERE id = ?',
    [customerId],
  )) as {
    balance: unknown;
    lim: unknown;
    archiveNo: string;
  }[];
  return { balance: moneyFromDb(row.balance)!, limit: moneyFromDb(row.lim)!, archiveNo: row.archiveNo };
}

/**
 * A credit order that does not fit, thrown inside the writing transaction (which then rolls
 * back). It carries amounts, so it is never shown as it is: the trades service answers it
 * as CREDIT_LIMIT_EXCEEDED with or without `overBy`, by whether the caller reads credit.
 */
export class OverCreditLimit extends Error {
  constructor(
    readonly customer: { id: number; archiveNo: string },
    readonly overBy: string,
  ) {
    super('credit order over the limit');
  }
}

/**
 * Called after the trade is written and the balance recomputed, still under the customer's
 * row lock (MySQL) or as SQLite's one writer: concurrent orders take turns, and each sees
 * the balance the previous one left, so none can overshoot. Refuses a balance over the limit
 * that this write raised; one the write left as it was, or lowered, is not this order's doing.
 */
export async function assertWithinLimit(em: EntityManager, customerId: number, before: string): Promise<void> {
  const after = await creditState(em, customerId);
  if (cents(after.balance) <= cents(after.limit) || cents(after.balance) <= cents(before)) return;
  throw new OverCreditLimit(
    { id: customerId, archiveNo: after.archiveNo },
    fromCents(cents(after.balance) - cents(after.limit)),
  );
}

/** True when an update changes anything that moves a balance. */
export function movesBalance(before: BalanceFacts, after: BalanceFacts): boolean {
  return (
    before.customerId !== after.customerId ||
    before.kind !== after.kind ||
    before.paymentMethod !== after.paymentMethod ||
    before.amount !== after.amount ||
    Boolean(before.cancelledAt) !== Boolean(after.cancelledAt)
  );
}

/** Whether a trade of this kind and method counts in the balance at all. */
export const countsInBalance = (t: Pick<BalanceFacts, 'kind' | 'paymentMethod'>) =>
  t.kind === TradeKind.PAYMENT || (t.kind === TradeKind.ORDER && t.paymentMethod === PaymentMethod.CREDIT);
