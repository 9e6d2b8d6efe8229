import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { ChangeOperationName as Op } from '../changes/change-event.entity';
import { recordChange } from '../changes/record-change';
import type { Page, PageArgs } from '../common/connection';
import { badInput } from '../common/errors';
import { expectId, idOrNull } from '../common/global-id';
import { cents } from '../common/money';
import { paginate } from '../common/paging';
import { updateVersioned } from '../common/versioned-update';
import type { BusinessRules, Clock } from '../config/rules';
import { assertApproved } from '../customers/archive-status';
import type { CustomerService } from '../customers/customer.service';
import { rowsByIds } from '../db/reuse-sql';
import { writeTransaction } from '../db/transaction';
import { CreditOverride, CreditOverrideStatus } from './credit-override.entity';
import type { CreditOverrideFilter, DecideCreditArgs, RejectCreditArgs, RequestCreditOverrideInput } from './credit.inputs';
import { assertMayRequest, creditRequestVariant, decidable, NEWEST_FIRST, scopeCreditRequests, trimmedReason } from './credit-requests';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Credit overrides (DOMAIN rule 5): sales or finance ask, a general manager who did not ask
 * approves or rejects, and an approved override is usable for creditOverrideDays by one
 * credit order of at most its amount for its customer (trades/trade.service.ts uses it).
 */
export class CreditOverrideService {
  private readonly repo: Repository<CreditOverride>;
  constructor(
    private readonly ds: DataSource, private readonly customers: CustomerService,
    private readonly rules: Pick<BusinessRules, 'creditOverrideDays'>, private readonly clock: Clock,
  ) {
    this.repo = ds.getRepository(CreditOverride);
  }

  scoped(viewer: Viewer, alias = 'o'): SelectQueryBuilder<CreditOverride> {
    return scopeCreditRequests(this.repo.createQueryBuilder(alias), alias, viewer);
  }

  list(viewer: Viewer, page: PageArgs, filter?: CreditOverrideFilter): Promise<Page<CreditOverride>> {
    const qb = this.scoped(viewer);
    if (filter?.customerId) qb.andWhere('o.customerId = :customerId', { customerId: expectId(filter.customerId, 'Customer', 'filter.customerId') });
    if (filter?.status?.length) qb.andWhere('o.status IN (:...status)', { status: filter.status });
    return paginate(qb, 'o', NEWEST_FIRST, page);
  }

  byIds(viewer: Viewer, ids: readonly number[]): Promise<(CreditOverride | null)[]> {
    return rowsByIds(this.scoped(viewer), ids, creditRequestVariant(viewer));
  }

  async get(viewer: Viewer, globalId: string): Promise<CreditOverride | null> {
    const id = idOrNull(globalId, 'CreditOverride');
    return id ? (await this.byIds(viewer, [id]))[0] : null;
  }

  async request(viewer: Viewer, input: RequestCreditOverrideInput): Promise<CreditOverride> {
    const right = assertMayRequest(viewer, 'request credit overrides');
    const customer = await this.customers.writable(right, input.customerId);
    assertApproved(customer);
    if (cents(input.amount) <= 0n) throw badInput('amount', 'must be more than 0');
    const values = { customerId: customer.id, amount: input.amount, reason: trimmedReason(input.reason), status: CreditOverrideStatus.REQUESTED, requestedById: right.requesterId };
    return writeTransaction(this.ds, async (em) => {
      const inserted = await em.getRepository(CreditOverride).insert(values);
      const id = inserted.identifiers[0].id as number;
      return recordChange<CreditOverride>(em, viewer, { type: 'CreditOverride', id, customerId: customer.id, operation: Op.CREATED });
    });
  }

  async approve(viewer: Viewer, args: DecideCreditArgs): Promise<CreditOverride> {
    const request = await decidable(viewer, 'CreditOverride', args, 'approve credit overrides', (id) => this.one(viewer, id));
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + this.rules.creditOverrideDays * DAY_MS);
    return this.decide(viewer, args, request, { status: CreditOverrideStatus.APPROVED, decidedById: viewer.userId, decidedAt: now, expiresAt });
  }

  async reject(viewer: Viewer, args: RejectCreditArgs): Promise<CreditOverride> {
    const request = await decidable(viewer, 'CreditOverride', args, 'reject credit overrides', (id) => this.one(viewer, id));
    const note = trimmedReason(args.note, 'note');
    return this.decide(viewer, args, request, { status: CreditOverrideStatus.REJECTED, decidedById: viewer.userId, decidedAt: this.clock(), decisionNote: note });
  }

  private async one(viewer: Viewer, id: number): Promise<CreditOverride | null> {
    return (await this.byIds(viewer, [id]))[0];
  }

  private decide(viewer: Viewer, args: DecideCreditArgs, request: CreditOverride, changes: Partial<CreditOverride>): Promise<CreditOverride> {
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, CreditOverride, 'CreditOverride', args.id, request.id, args.version, changes);
      return recordChange<CreditOverride>(em, viewer, {
        type: 'CreditOverride', id: request.id, customerId: request.customerId, operation: Op.UPDATED, changedFields: Object.keys(changes),
      });
    });
  }
}
