import type { Viewer } from '../auth/jwt';
import { FOLLOW_UP_OVERSEERS } from '../auth/policy';
import type { Page, PageArgs } from '../common/connection';
import { badInput, forbidden } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import type { Clock } from '../config/rules';
import type { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import type { CustomerService } from '../customers/customer.service';

const BY_FOLLOW_UP: SortSpec = { key: { property: 'followUpDueAt', kind: 'date' }, direction: 'ASC' };
const BY_PURCHASE: SortSpec = { key: { property: 'nextPurchaseDueAt', kind: 'date' }, direction: 'ASC' };

/**
 * 回访 and 业务下滑提醒 (DOMAIN rules 3 and 4): an owner's ACTIVE customers whose call or visit
 * is overdue by the cadence of their class, and those with no order within their purchase
 * cycle, longest overdue first. Both read the due columns kept in the customer row by the
 * writes of visits, trades and classes (care-dues.ts, purchase-due.ts): one index range of
 * (owner, due time), so a page costs the same at a million customers as at a hundred.
 * Computed whenever asked: nothing depends on a scheduler.
 */
export class CadenceService {
  constructor(
    private readonly customers: CustomerService,
    private readonly clock: Clock,
  ) {}

  overdueFollowUps(viewer: Viewer, page: PageArgs, ownerGlobalId?: string | null): Promise<Page<Customer>> {
    return this.overdue(viewer, page, ownerGlobalId, 'followUpDueAt', BY_FOLLOW_UP);
  }

  declining(viewer: Viewer, page: PageArgs, ownerGlobalId?: string | null): Promise<Page<Customer>> {
    return this.overdue(viewer, page, ownerGlobalId, 'nextPurchaseDueAt', BY_PURCHASE);
  }

  private overdue(
    viewer: Viewer,
    page: PageArgs,
    ownerGlobalId: string | null | undefined,
    column: string,
    sort: SortSpec,
  ): Promise<Page<Customer>> {
    // An explicit null is "not given" too: clients send unset variables as null.
    const ownerId = ownerGlobalId == null ? viewer.userId : expectId(ownerGlobalId, 'User', 'ownerId');
    if (ownerId === null) throw badInput('ownerId', 'name an employee: your token is not one');
    if (ownerId !== viewer.userId && !viewer.roles.some((r) => FOLLOW_UP_OVERSEERS.includes(r))) {
      throw forbidden("list another employee's customers: an owner lists its own, managers anyone's");
    }
    const qb = this.customers
      .scoped(viewer)
      .andWhere('c.ownerId = :ownerId', { ownerId })
      .andWhere(`c.${column} <= :now`, { now: this.clock() })
      .andWhere('c.status = :active', { active: ArchiveStatus.ACTIVE });
    return paginate(qb, 'c', sort, page);
  }
}
