import { limitRaiseNeedsApproval } from '../common/errors';
import { cents } from '../common/money';

/**
 * Finance sets credit settings, but a limit only goes up with a general manager's approval
 * (seed 003: 要加大欠款额度可提出书面申请,经事业部总经理批准): through updateCustomer and the
 * quarterly review a limit may stay or go down; a higher one is refused with
 * CREDIT_LIMIT_RAISE_NEEDS_APPROVAL, which points to requestCreditLimitRaise.
 */
export function assertLimitNotRaised(current: string, next: string | undefined, field = 'creditLimit'): void {
  if (next !== undefined && next !== null && cents(next) > cents(current)) throw limitRaiseNeedsApproval(field);
}
