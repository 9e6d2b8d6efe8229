import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite, touches } from '../auth/guard';
import { ChangeOperationName as Op } from '../changes/change-event.entity';
import { changedKeys, recordChange, recordChanges } from '../changes/record-change';
import type { Page, PageArgs } from '../common/connection';
import { badInput } from '../common/errors';
import { moneyFromDb } from '../common/decimal.scalar';
import { expectId, idOrNull } from '../common/global-id';
import { paginate, SortSpec } from '../common/paging';
import { updateVersioned } from '../common/versioned-update';
import { addMonths, BusinessRules, Clock } from '../config/rules';
import { assertApproved } from '../customers/archive-status';
import { assertLimitNotRaised } from '../customers/credit-settings';
import { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import type { CustomerService } from '../customers/customer.service';
import { dialectOf } from '../db/data-source';
import { rowsByIds } from '../db/reuse-sql';
import { writeTransaction } from '../db/transaction';
import { CreditLimitRaise, CreditRaiseStatus } from './credit-limit-raise.entity';
import type { CreditLimitRaiseFilter, DecideCreditArgs, RecordCreditReviewInput, RejectCreditArgs, RequestCreditLimitRaiseInput } from './credit.inputs';
import { assertMayRequest, creditRequestVariant, decidable, NEWEST_FIRST, scopeCreditRequests, trimmedReason } from './credit-requests';

/** Archives whose credit is reviewed: the approved, live ones. */
const REVIEWED = [ArchiveStatus.ACTIVE, ArchiveStatus.DORMANT];
const OLDEST_ARCHIVE_FIRST: SortSpec = { key: { property: 'id', kind: 'number' }, direction: 'ASC' };

/**
 * Credit limits (seed 003, 资信度): a raise is a request that a general manager approves
 * (it then sets the limit and keeps the old and new limit on the request); the quarterly
 * review (季度考核) by finance sets level, limit, term and assessment, and may keep or lower
 * the limit but not raise it (a raise takes the request, as in the regulation: 季度考核调整由
 * 营销人员提出,经财务中心审核、事业部总经理批准).
 */
export class CreditLimitService {
  private readonly repo: Repository<CreditLimitRaise>;
  constructor(
    private readonly ds: DataSource, private readonly customers: CustomerService,
    private readonly rules: Pick<BusinessRules, 'creditReviewMonths'>, private readonly clock: Clock,
  ) {
    this.repo = ds.getRepository(CreditLimitRaise);
  }

  scoped(viewer: Viewer, alias = 'r'): SelectQueryBuilder<CreditLimitRaise> {
    return scopeCreditRequests(this.repo.createQueryBuilder(alias), alias, viewer);
  }

  list(viewer: Viewer, page: PageArgs, filter?: CreditLimitRaiseFilter): Promise<Page<CreditLimitRaise>> {
    const qb = this.scoped(viewer);
    if (filter?.customerId) qb.andWhere('r.customerId = :customerId', { customerId: expectId(filter.customerId, 'Customer', 'filter.customerId') });
    if (filter?.status?.length) qb.andWhere('r.status IN (:...status)', { status: filter.status });
    return paginate(qb, 'r', NEWEST_FIRST, page);
  }

  byIds(viewer: Viewer, ids: readonly number[]): Promise<(CreditLimitRaise | null)[]> {
    return rowsByIds(this.scoped(viewer), ids, creditRequestVariant(viewer));
  }

  async get(viewer: Viewer, globalId: string): Promise<CreditLimitRaise | null> {
    const id = idOrNull(globalId, 'CreditLimitRaise');
    return id ? (await this.byIds(viewer, [id]))[0] : null;
  }

  /** Stored as asked: whether it is really higher is the deciding manager's to see (the requester may not read the limit). */
  async request(viewer: Viewer, input: RequestCreditLimitRaiseInput): Promise<CreditLimitRaise> {
    const right = assertMayRequest(viewer, 'request credit limit raises');
    const customer = await this.customers.writable(right, input.customerId);
    assertApproved(customer);
    const values = {
      customerId: customer.id, oldLimit: customer.creditLimit, newLimit: input.newLimit, reason: trimmedReason(input.reason),
      status: CreditRaiseStatus.REQUESTED, requestedById: right.requesterId,
    };
    return writeTransaction(this.ds, async (em) => {
      const inserted = await em.getRepository(CreditLimitRaise).insert(values);
      const id = inserted.identifiers[0].id as number;
      return recordChange<CreditLimitRaise>(em, viewer, { type: 'CreditLimitRaise', id, customerId: customer.id, operation: Op.CREATED });
    });
  }

  /** Sets the customer's limit to the one asked for, and records on the request the limit it replaced. */
  async approve(viewer: Viewer, args: DecideCreditArgs): Promise<CreditLimitRaise> {
    const request = await decidable(viewer, 'CreditLimitRaise', args, 'approve credit limit raises', (id) => this.one(viewer, id));
    return writeTransaction(this.ds, async (em) => {
      const oldLimit = await lockedLimit(em, request.customerId);
      await updateVersioned(em, CreditLimitRaise, 'CreditLimitRaise', args.id, request.id, args.version, {
        status: CreditRaiseStatus.APPROVED, decidedById: viewer.userId, decidedAt: this.clock(), oldLimit,
      });
      await em.createQueryBuilder().update(Customer).set({ creditLimit: request.newLimit }).where('id = :id', { id: request.customerId }).execute();
      const [raise] = await recordChanges(em, viewer, [
        { type: 'CreditLimitRaise', id: request.id, customerId: request.customerId, operation: Op.UPDATED, changedFields: ['status', 'decidedById', 'decidedAt', 'oldLimit'] },
        { type: 'Customer', id: request.customerId, customerId: request.customerId, operation: Op.UPDATED, changedFields: ['creditLimit'] },
      ]);
      return raise as CreditLimitRaise;
    });
  }

  async reject(viewer: Viewer, args: RejectCreditArgs): Promise<CreditLimitRaise> {
    const request = await decidable(viewer, 'CreditLimitRaise', args, 'reject credit limit raises', (id) => this.one(viewer, id));
    const changes = { status: CreditRaiseStatus.REJECTED, decidedById: viewer.userId, decidedAt: this.clock(), decisionNote: trimmedReason(args.note, 'note') };
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, CreditLimitRaise, 'CreditLimitRaise', args.id, request.id, args.version, changes);
      return recordChange<CreditLimitRaise>(em, viewer, {
        type: 'CreditLimitRaise', id: request.id, customerId: request.customerId, operation: Op.UPDATED, changedFields: Object.keys(changes),
      });
    });
  }

  /**
   * Approved, live archives whose credit was never reviewed or not within creditReviewMonths,
   * oldest archive first. Computed from the rows whenever asked: no scheduler has to run.
   */
  reviewsDue(viewer: Viewer, page: PageArgs): Promise<Page<Customer>> {
    const cutoff = addMonths(this.clock(), -this.rules.creditReviewMonths);
    const qb = this.customers.scoped(viewer)
      .andWhere('c.status IN (:...reviewed)', { reviewed: REVIEWED })
      .andWhere('(c.lastCreditReviewAt IS NULL OR c.lastCreditReviewAt < :cutoff)', { cutoff });
    return paginate(qb, 'c', OLDEST_ARCHIVE_FIRST, page);
  }

  async recordReview(viewer: Viewer, input: RecordCreditReviewInput): Promise<Customer> {
    const { customerId, version, ...settings } = input;
    const right = assertMayWrite(viewer, 'Customer', 'update', touches('Customer', settings));
    const current = await this.customers.writable(right, customerId);
    if (!REVIEWED.includes(current.status)) throw badInput('customerId', `only an approved, live archive is reviewed; this one is ${current.status}`);
    assertLimitNotRaised(current.creditLimit, settings.creditLimit);
    const changes: Partial<Customer> = { ...settings, lastCreditReviewAt: this.clock() };
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Customer, 'Customer', customerId, current.id, version, changes);
      return recordChange<Customer>(em, viewer, {
        type: 'Customer', id: current.id, customerId: current.id, operation: Op.UPDATED, changedFields: changedKeys(current, changes),
      });
    });
  }

  private async one(viewer: Viewer, id: number): Promise<CreditLimitRaise | null> {
    return (await this.byIds(viewer, [id]))[0];
  }
}

/** The customer's limit, read under its row lock (MySQL; SQLite has one writer): what an approval replaces. */
async function lockedLimit(em: EntityManager, customerId: number): Promise<string> {
  const lock = dialectOf(em.connection) === 'mysql' ? ' FOR UPDATE' : '';
  const [row] = (await em.query(`SELECT credit_limit AS lim FROM customer WHERE id = ?${lock}`, [customerId])) as { lim: unknown }[];
  return moneyFromDb(row.lim)!;
}
