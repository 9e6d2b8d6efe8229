import { EntityManager } from 'typeorm';
import { moneyFromDb, MONEY_MAX } from '../common/decimal.scalar';
import { badInput } from '../common/errors';
import { dialectOf } from '../db/data-source';
import { PaymentMethod, TradeKind } from './trade.enums';

/**
 * What a trade does to its customer's row: the derived statistics (交易次数, 交易金额,
 * first/last trade) and the outstanding balance under credit control (DOMAIN rule 5).
 * Every function here must run inside the transaction that writes the trade, so the
 * customer row never disagrees with its trades. Money stays in SQL: amounts are bound
 * as text and CAST, since MySQL would add a bare string as a double; ROUND(…, 2) is a
 * no-op on MySQL's DECIMAL and removes binary-float noise on SQLite, which has none.
 */

/** The facts of a trade that move the outstanding balance. */
export interface BalanceFacts {
  customerId: number;
  kind: TradeKind;
  paymentMethod: PaymentMethod;
  amount: string;
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

/**
 * Recomputes the derived statistics of these customers from their trades, in one statement,
 * and refuses the write if a total left MONEY_MAX behind (see totalsBeyondMax).
 */
export async function refreshTradeStats(em: EntityManager, customerIds: readonly number[]): Promise<void> {
  const ids = [...new Set(customerIds)];
  const mine = 'FROM trade t WHERE t.customer_id = customer.id';
  await execute(
    em,
    `UPDATE customer SET
       trade_count = (SELECT COUNT(*) ${mine} AND t.kind = ?),
       trade_total = (SELECT ROUND(COALESCE(SUM(CASE t.kind WHEN ? THEN t.amount WHEN ? THEN -t.amount ELSE 0 END), 0), 2) ${mine}),
       first_trade_at = (SELECT MIN(t.occurred_at) ${mine}),
       last_trade_at = (SELECT MAX(t.occurred_at) ${mine})
     WHERE id IN (${list(ids)})`,
    [TradeKind.ORDER, TradeKind.ORDER, TradeKind.RETURN, ...ids],
  );
  if (await totalsBeyondMax(em, ids)) {
    throw badInput('amount', `this would take the customer's trade totals past ${MONEY_MAX} CNY, the most an archive keeps`);
  }
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

const raisesBalance = (t: BalanceFacts) => t.kind === TradeKind.ORDER && t.paymentMethod === PaymentMethod.CREDIT;
const lowersBalance = (t: BalanceFacts) => t.kind === TradeKind.PAYMENT;

/**
 * A credit order that does not fit, thrown inside the writing transaction (which then rolls
 * back). It carries amounts, so it is never shown as it is: the trades service answers it
 * as CREDIT_LIMIT_EXCEEDED with or without `overBy`, by whether the caller reads credit.
 */
export class OverCreditLimit extends Error {
  constructor(readonly customer: { id: number; archiveNo: string }, readonly overBy: string) {
    super('credit order over the limit');
  }
}

/**
 * Check and increment in one conditional UPDATE: the row lock makes concurrent orders
 * take turns, and each sees the balance the previous one left, so none can overshoot.
 */
async function increaseWithinLimit(em: EntityManager, customerId: number, amount: string): Promise<void> {
  const matched = await execute(
    em,
    `UPDATE customer SET outstanding_balance = ROUND(outstanding_balance + ${AMOUNT}, 2)
     WHERE id = ? AND ROUND(outstanding_balance + ${AMOUNT}, 2) <= credit_limit`,
    [amount, customerId, amount],
  );
  if (matched > 0) return;
  // Still under the row lock: the excess is the one the refused UPDATE saw.
  const [row] = (await em.query(
    `SELECT archive_no AS archiveNo, ROUND(outstanding_balance + ${AMOUNT} - credit_limit, 2) AS overBy FROM customer WHERE id = ?`,
    [amount, customerId],
  )) as { archiveNo: string; overBy: unknown }[];
  throw new OverCreditLimit({ id: customerId, archiveNo: row.archiveNo }, moneyFromDb(row.overBy)!);
}

async function decreaseToZero(em: EntityManager, customerId: number, amount: string): Promise<void> {
  await execute(
    em,
    `UPDATE customer SET outstanding_balance =
       CASE WHEN outstanding_balance > ${AMOUNT} THEN ROUND(outstanding_balance - ${AMOUNT}, 2) ELSE 0 END
     WHERE id = ?`,
    [amount, amount, customerId],
  );
}

/** A CREDIT ORDER adds its amount within the credit limit; a PAYMENT pays the balance down, never below 0. */
export async function applyToBalance(em: EntityManager, t: BalanceFacts): Promise<void> {
  if (raisesBalance(t)) await increaseWithinLimit(em, t.customerId, t.amount);
  else if (lowersBalance(t)) await decreaseToZero(em, t.customerId, t.amount);
}

/**
 * Undoes what applyToBalance did for a trade's earlier facts before an update applies
 * the new ones. Restoring a payment's debt is not a new order, so it skips the limit.
 */
export async function revertFromBalance(em: EntityManager, t: BalanceFacts): Promise<void> {
  if (raisesBalance(t)) await decreaseToZero(em, t.customerId, t.amount);
  else if (lowersBalance(t)) {
    await execute(em, `UPDATE customer SET outstanding_balance = ROUND(outstanding_balance + ${AMOUNT}, 2) WHERE id = ?`, [t.amount, t.customerId]);
  }
}

/** True when an update changes anything that moves a balance, and so must revert and re-apply. */
export function movesBalance(before: BalanceFacts, after: BalanceFacts): boolean {
  return before.customerId !== after.customerId || before.kind !== after.kind
    || before.paymentMethod !== after.paymentMethod || before.amount !== after.amount;
}
