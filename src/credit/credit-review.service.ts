import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite, touches } from '../auth/guard';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { recordChange } from '../outbox/record-change';
import type { Page, PageArgs } from '../common/connection';
import { badInput } from '../common/errors';
import { paginate, type SortSpec } from '../common/paging';
import { realChanges, updateVersioned } from '../db/versioned-update';
import { addMonths, type BusinessRules, type Clock } from '../config/rules';
import { assertLimitNotRaised } from '../customers/credit-settings';
import { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import type { CustomerService } from '../customers/customer.service';
import { writeTransaction } from '../db/transaction';
import type { RecordCreditReviewInput } from './credit.inputs';

/** Archives whose credit is reviewed: the approved, live ones. */
const REVIEWED = [ArchiveStatus.ACTIVE, ArchiveStatus.DORMANT];
const OLDEST_ARCHIVE_FIRST: SortSpec = { key: { property: 'id', kind: 'number' }, direction: 'ASC' };

/**
 * The quarterly credit review (seed 003: 营销人员对客户进行季度考核,三个月做一次资信度调整). Finance
 * records it: level, limit, term and assessment, and lastCreditReviewAt. The limit may stay or
 * go down; a higher one takes requestCreditLimitRaise and a general manager, as the regulation
 * has it (季度考核调整由营销人员提出,经财务中心审核、事业部总经理批准).
 */
export class CreditReviewService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly rules: Pick<BusinessRules, 'creditReviewMonths'>,
    private readonly clock: Clock,
  ) {}

  /**
   * Approved, live archives whose credit was never reviewed or not within creditReviewMonths,
   * oldest archive first. Computed from the rows whenever asked: no scheduler has to run.
   */
  due(viewer: Viewer, page: PageArgs): Promise<Page<Customer>> {
    const cutoff = addMonths(this.clock(), -this.rules.creditReviewMonths);
    const qb = this.customers
      .scoped(viewer)
      .andWhere('c.status IN (:...reviewed)', { reviewed: REVIEWED })
      .andWhere('(c.lastCreditReviewAt IS NULL OR c.lastCreditReviewAt < :cutoff)', { cutoff });
    return paginate(qb, 'c', OLDEST_ARCHIVE_FIRST, page);
  }

  async record(viewer: Viewer, input: RecordCreditReviewInput): Promise<Customer> {
    const { customerId, version, ...settings } = input;
    const right = assertMayWrite(viewer, 'Customer', 'update', touches('Customer', settings));
    const current = await this.customers.writable(right, customerId);
    if (!REVIEWED.includes(current.status))
      throw badInput('customerId', `only an approved, live archive is reviewed; this one is ${current.status}`);
    assertLimitNotRaised(current.creditLimit, settings.creditLimit);
    // The review's time always changes: a review is never a no-op.
    const changes = realChanges(
      current,
      { ...settings, lastCreditReviewAt: this.clock() } as Partial<Customer>,
      version,
      'Customer',
      customerId,
    )!;
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Customer, 'Customer', customerId, current.id, version, changes);
      return recordChange<Customer>(em, viewer, {
        type: 'Customer',
        id: current.id,
        customerId: current.id,
        operation: Op.UPDATED,
        changedFields: Object.keys(changes),
        before: current,
        note: '季度考核',
      });
    });
  }
}
