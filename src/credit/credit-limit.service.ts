import type { DataSource, EntityManager } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { moneyFromDb } from '../common/decimal.scalar';
import type { Clock } from '../config/rules';
import { Customer } from '../customers/customer.entity';
import type { CustomerService } from '../customers/customer.service';
import { dialectOf } from '../db/data-source';
import { CreditLimitRaise, CreditRaiseStatus } from './credit-limit-raise.entity';
import type { DecideCreditArgs, RequestCreditLimitRaiseInput } from './credit.inputs';
import { CreditRequestService } from './credit-request.service';
import { trimmedReason } from '../common/validators';
import { touched } from '../db/timestamps';

/**
 * Raising a credit limit (seed 003: 要加大欠款额度可提出书面申请,经事业部总经理批准): a request
 * that a general manager approves, which sets the limit and keeps on the request the limit it
 * replaced. Lowering is finance's own step (updateCustomer, recordCreditReview).
 */
export class CreditLimitService extends CreditRequestService<CreditLimitRaise> {
  constructor(ds: DataSource, customers: CustomerService, clock: Clock) {
    super(ds, customers, clock, CreditLimitRaise);
  }

  /** Stored as asked: whether it is really higher is the deciding manager's to see (the requester may not read the limit). */
  request(viewer: Viewer, input: RequestCreditLimitRaiseInput): Promise<CreditLimitRaise> {
    const reason = trimmedReason(input.reason);
    return this.create(viewer, input.customerId, (customer, requestedById) => ({
      customerId: customer.id,
      oldLimit: customer.creditLimit,
      newLimit: input.newLimit,
      reason,
      status: CreditRaiseStatus.REQUESTED,
      requestedById,
    }));
  }

  /** Sets the customer's limit to the one asked for; the request keeps the limit it replaced (read under the row lock). */
  async approve(viewer: Viewer, args: DecideCreditArgs): Promise<CreditLimitRaise> {
    const request = await this.decidable(viewer, args, 'approve');
    const { customerId, newLimit } = request;
    const decision = async (em: EntityManager) => ({
      status: CreditRaiseStatus.APPROVED,
      decidedById: viewer.userId,
      decidedAt: this.clock(),
      oldLimit: await lockedLimit(em, customerId),
    });
    return this.decide(viewer, args, request, decision, async (em) => {
      const oldLimit = await lockedLimit(em, customerId);
      await em
        .createQueryBuilder()
        .update(Customer)
        .set(touched(em, { creditLimit: newLimit }))
        .where('id = :id', { id: customerId })
        .execute();
      return [
        {
          type: 'Customer',
          id: customerId,
          customerId,
          operation: Op.UPDATED,
          changedFields: ['creditLimit'],
          before: { creditLimit: oldLimit },
          note: `加大欠款额度: ${request.reason}`,
        },
      ];
    });
  }
}

/** The customer's limit, read under its row lock (MySQL; SQLite has one writer): what an approval replaces. */
async function lockedLimit(em: EntityManager, customerId: number): Promise<string> {
  const lock = dialectOf(em.connection) === 'mysql' ? ' FOR UPDATE' : '';
  const [row] = (await em.query(`SELECT credit_limit AS lim FROM customer WHERE id = ?${lock}`, [customerId])) as {
    lim: unknown;
  }[];
  return moneyFromDb(row.lim)!;
}
