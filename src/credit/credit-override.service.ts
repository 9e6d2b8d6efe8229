import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { badInput } from '../common/errors';
import { cents } from '../common/money';
import type { BusinessRules, Clock } from '../config/rules';
import type { CustomerService } from '../customers/customer.service';
import { CreditOverride, CreditOverrideStatus } from './credit-override.entity';
import type { DecideCreditArgs, RequestCreditOverrideInput } from './credit.inputs';
import { CreditRequestService } from './credit-request.service';
import { trimmedReason } from '../common/validators';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Credit overrides (DOMAIN rule 5): sales or finance ask, a general manager who did not ask
 * approves or rejects, and an approved override is usable for creditOverrideDays by one
 * credit order of at most its amount for its customer (trades/trade.service.ts uses it).
 */
export class CreditOverrideService extends CreditRequestService<CreditOverride> {
  constructor(
    ds: DataSource,
    customers: CustomerService,
    private readonly rules: Pick<BusinessRules, 'creditOverrideDays'>,
    clock: Clock,
  ) {
    super(ds, customers, clock, CreditOverride);
  }

  request(viewer: Viewer, input: RequestCreditOverrideInput): Promise<CreditOverride> {
    if (cents(input.amount) <= 0n) throw badInput('amount', 'must be more than 0');
    const reason = trimmedReason(input.reason);
    return this.create(viewer, input.customerId, (customer, requestedById) => ({
      customerId: customer.id,
      amount: input.amount,
      reason,
      status: CreditOverrideStatus.REQUESTED,
      requestedById,
    }));
  }

  async approve(viewer: Viewer, args: DecideCreditArgs): Promise<CreditOverride> {
    const request = await this.decidable(viewer, args, 'approve');
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.rules.creditOverrideDays * DAY_MS);
    return this.decide(viewer, args, request, {
      status: CreditOverrideStatus.APPROVED,
      decidedById: viewer.userId,
      decidedAt: now,
      expiresAt,
    });
  }
}
