import type { EntityManager } from 'typeorm';
import type { Change } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { creditOverrideUnusable, notFound } from '../common/errors';
import { cents } from '../common/money';
import { CreditOverride, CreditOverrideStatus, isUsable } from './credit-override.entity';

export interface OverrideUse {
  overrideId: number;
  /** The global id the caller sent, for the error of one that does not exist. */
  globalId: string;
  customerId: number;
  amount: string;
  tradeId: number;
  now: Date;
}

/**
 * Uses an approved override for the credit order `tradeId`, in the transaction that writes
 * the order: a conditional UPDATE, so of two orders naming one override only one can take it.
 * An override of another customer answers as a missing one; for this customer's, the error
 * names the condition that failed. Returns the override's change event.
 */
export async function useOverride(em: EntityManager, use: OverrideUse): Promise<Change> {
  const taken = await em
    .createQueryBuilder()
    .update(CreditOverride)
    .set({ status: CreditOverrideStatus.USED, usedByTradeId: use.tradeId, usedAt: use.now })
    .where('id = :id AND customerId = :customerId AND status = :approved AND expiresAt > :now', {
      id: use.overrideId,
      customerId: use.customerId,
      approved: CreditOverrideStatus.APPROVED,
      now: use.now,
    })
    .andWhere('amount >= CAST(:amount AS DECIMAL(18, 2))', { amount: use.amount })
    .execute();
  if (!taken.affected) await explainRefusal(em, use);
  return {
    type: 'CreditOverride',
    id: use.overrideId,
    customerId: use.customerId,
    operation: Op.UPDATED,
    changedFields: ['status', 'usedByTradeId', 'usedAt'],
  };
}

/** Why the override could not be taken: always throws. */
async function explainRefusal(em: EntityManager, use: OverrideUse): Promise<never> {
  const o = await em.getRepository(CreditOverride).findOneBy({ id: use.overrideId });
  if (!o || o.customerId !== use.customerId) throw notFound('CreditOverride', use.globalId);
  if (o.status === CreditOverrideStatus.USED)
    throw creditOverrideUnusable('it was already used by another order (an override is used once)');
  if (o.status !== CreditOverrideStatus.APPROVED)
    throw creditOverrideUnusable(`it is ${o.status}, not APPROVED by a general manager`);
  if (!isUsable(o, use.now)) throw creditOverrideUnusable(`it expired at ${o.expiresAt?.toISOString()}`);
  if (cents(use.amount) > cents(o.amount))
    throw creditOverrideUnusable(`the order (${use.amount}) is larger than the approved ${o.amount}`);
  throw creditOverrideUnusable('it does not cover this order');
}
