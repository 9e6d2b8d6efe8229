import { newCustomerCashOnly } from '../common/errors';
import { cents } from '../common/money';
import { addMonths, type BusinessRules } from '../config/rules';
import type { Customer } from '../customers/customer.entity';
import { PaymentMethod, TradeKind } from './trade.enums';

/**
 * Which trades the credit rules (DOMAIN rule 5, seed 003) look at, and the new-customer rule.
 * The limit itself is checked in the writing transaction (trade-stats.ts assertWithinLimit);
 * an approved override the order names replaces both checks (credit/override-use.ts).
 */
export interface CreditFacts {
  customerId: number;
  kind: TradeKind;
  paymentMethod: PaymentMethod;
  amount: string;
  sample: boolean;
}

export type CreditRules = Pick<BusinessRules, 'newCustomerCashMonths' | 'creditCheckExemptMax'>;

export const isCreditOrder = (t: Pick<CreditFacts, 'kind' | 'paymentMethod'>) =>
  t.kind === TradeKind.ORDER && t.paymentMethod === PaymentMethod.CREDIT;

/**
 * A credit order the checks apply to. Samples up to creditCheckExemptMax are let through
 * (seed 003: 样品及现金销售的除外; 现金销售在10000元以下的根据情况可不建立): they still count in the
 * balance. Cash sales never take the checks whatever the amount, since they add nothing to it.
 */
export const isChecked = (t: CreditFacts, rules: CreditRules) =>
  isCreditOrder(t) && !(t.sample && cents(t.amount) <= cents(rules.creditCheckExemptMax));

/**
 * Whether a change to a trade (or a new one, `before` null) asks the checks anything: it
 * becomes a checked credit order, or a checked one grows or moves. Lowering an order, or
 * leaving its credit facts as they were, is never refused.
 */
export function raisesCredit(before: CreditFacts | null, after: CreditFacts, rules: CreditRules): boolean {
  if (!isChecked(after, rules)) return false;
  if (!before || !isChecked(before, rules) || before.customerId !== after.customerId) return true;
  return cents(after.amount) > cents(before.amount);
}

/** The end of a new customer's cash-only period; null when it has none (approved before the rule, or NEW_CUSTOMER_CASH_MONTHS 0). */
export function cashOnlyUntil(customer: Pick<Customer, 'approvedAt'>, rules: CreditRules): Date | null {
  if (!customer.approvedAt || rules.newCustomerCashMonths === 0) return null;
  return addMonths(new Date(customer.approvedAt), rules.newCustomerCashMonths);
}

/** NEW_CUSTOMER_CASH_ONLY for a checked credit order in the customer's first months (新开客户前一个月合作采用现款形式). */
export function assertPastCashOnly(customer: Pick<Customer, 'approvedAt'>, now: Date, rules: CreditRules): void {
  const until = cashOnlyUntil(customer, rules);
  if (until && now.getTime() < until.getTime()) throw newCustomerCashOnly(until);
}
