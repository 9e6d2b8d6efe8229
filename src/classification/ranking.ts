import type { EntityManager, ObjectLiteral } from 'typeorm';
import { addMonths, type BusinessRules } from '../config/rules';
import { type AbcClass, ArchiveStatus } from '../customers/customer.enums';
import { TradeKind } from '../trades/trade.enums';

/** Archives that are ranked and carry a computed class: the approved, live ones. */
export const RANKED = [ArchiveStatus.ACTIVE, ArchiveStatus.DORMANT];
/** The trailing window of trade value (DOMAIN rule 2). */
export const WINDOW_MONTHS = 12;

export type ShareRules = Pick<BusinessRules, 'abcShares'>;

/** A ranked customer whose computed class differs from the one it has. */
export interface Reclassified {
  id: number;
  from: AbcClass;
  to: AbcClass;
  value: string;
  rank: number;
  ranked: number;
}

/** Runs SQL with :named parameters through the driver, which writes dates and lists as each dialect needs them. */
function query<T>(em: EntityManager, sql: string, params: ObjectLiteral): Promise<T[]> {
  const [text, bound] = em.connection.driver.escapeQueryWithParameters(sql, params);
  return em.query(text, bound) as Promise<T[]>;
}

/** Trade value per customer over the window: orders minus returns, cancelled trades left out. */
const VALUES = `SELECT t.customer_id AS cid, SUM(CASE WHEN t.kind = :order THEN t.amount ELSE -t.amount END) AS value
  FROM trade t WHERE t.kind IN (:order, :return) AND t.cancelled_at IS NULL AND t.occurred_at > :from AND t.occurred_at <= :to
  GROUP BY t.customer_id`;

/**
 * The class a rank gives, as SQL over `value`, `rnk` (RANK(): tied customers share the best
 * rank of their group) and `n` (customers ranked): class A while rank ≤ n × A %, B while
 * rank ≤ n × (A + B) %, else C; no trade value in the window is C whatever the rank.
 */
const CLASS_OF = `CASE WHEN r.value > 0 AND r.rnk * 100 <= r.n * :shareA THEN 'A'
  WHEN r.value > 0 AND r.rnk * 100 <= r.n * :shareAB THEN 'B' ELSE 'C' END`;

const params = (now: Date, rules: ShareRules) => ({
  order: TradeKind.ORDER,
  return: TradeKind.RETURN,
  from: addMonths(now, -WINDOW_MONTHS),
  to: now,
  ranked: RANKED,
  shareA: rules.abcShares.A,
  shareAB: rules.abcShares.A + rules.abcShares.B,
});

/**
 * One statement over the whole table (window functions; MySQL 8, MariaDB 10.2+, SQLite 3.25+):
 * every approved, live customer ranked by trailing trade value, answering only those whose
 * class is computed (no manager's override) and differs from the computed one. Customers with
 * an override are ranked too (they are part of the customer base the shares are of); their
 * class stays theirs.
 */
export async function reclassified(em: EntityManager, now: Date, rules: ShareRules): Promise<Reclassified[]> {
  const rows = await query<{
    id: unknown;
    cls: AbcClass;
    computed: AbcClass;
    value: unknown;
    rnk: unknown;
    n: unknown;
  }>(
    em,
    `SELECT r.id AS id, r.abc_class AS cls, ${CLASS_OF} AS computed, r.value AS value, r.rnk AS rnk, r.n AS n FROM (
       SELECT c.id, c.abc_class, c.abc_override_reason, COALESCE(v.value, 0) AS value,
         RANK() OVER (ORDER BY COALESCE(v.value, 0) DESC) AS rnk, COUNT(*) OVER () AS n
       FROM customer c LEFT JOIN (${VALUES}) v ON v.cid = c.id
       WHERE c.status IN (:...ranked)
     ) r WHERE r.abc_override_reason IS NULL AND r.abc_class <> ${CLASS_OF}
     ORDER BY r.id`,
    params(now, rules),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    from: r.cls,
    to: r.computed,
    value: Number(r.value).toFixed(2),
    rank: Number(r.rnk),
    ranked: Number(r.n),
  }));
}

/** The class the ranking gives one customer now (for clearing its override): the same rule, asked of one row. */
export async function computedClass(
  em: EntityManager,
  customerId: number,
  now: Date,
  rules: ShareRules,
): Promise<AbcClass> {
  const [row] = await query<{ computed: AbcClass }>(
    em,
    `SELECT ${CLASS_OF} AS computed FROM (
       SELECT COALESCE(mine.value, 0) AS value, (SELECT COUNT(*) FROM customer c WHERE c.status IN (:...ranked)) AS n,
         1 + (SELECT COUNT(*) FROM customer c JOIN (${VALUES}) v ON v.cid = c.id WHERE c.status IN (:...ranked) AND v.value > COALESCE(mine.value, 0)) AS rnk
       FROM (SELECT 1 AS one) x LEFT JOIN (${VALUES.replace('GROUP BY', 'AND t.customer_id = :me GROUP BY')}) mine ON 1 = 1
     ) r`,
    { ...params(now, rules), me: customerId },
  );
  return row.computed;
}
