import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite } from '../auth/guard';
import type { Page, PageArgs } from '../common/connection';
import { badInput, forbidden } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { updateVersioned } from '../db/versioned-update';
import { writeTransaction } from '../db/transaction';
import { recordChange } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { seesClassA } from '../auth/row-scope';
import { Customer } from './customer.entity';
import { ArchiveStatus } from './customer.enums';
import type { CustomerService } from './customer.service';

const DAY_MS = 24 * 60 * 60 * 1000;
const LEAST_RECENT_FIRST: SortSpec = { key: { property: 'updatedAt', kind: 'date' }, direction: 'ASC' };

/**
 * 定期核实 and 1天内更新 (DOMAIN rule 9): an archive's owner checks it now and then and says
 * so; an archive neither verified nor updated within the period is stale. Computed from the
 * rows whenever asked: nothing depends on a scheduler having run.
 */
export class CustomerVerificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly staleAfterDays: number,
  ) {}

  async verify(viewer: Viewer, globalId: string, version: number): Promise<Customer> {
    // Checking the archive is the owner's work on its profile (finance's credit rights do not reach it).
    const right = assertMayWrite(viewer, 'Customer', 'update', [{ field: 'verifiedAt', group: 'profile' }]);
    const current = await this.customers.writable(right, globalId, 'id');
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Customer, 'Customer', globalId, current.id, version, {
        verifiedAt: new Date(),
        verifiedById: viewer.userId,
      });
      return recordChange<Customer>(em, viewer, {
        type: 'Customer',
        id: current.id,
        customerId: current.id,
        operation: Op.UPDATED,
        changedFields: ['verifiedAt', 'verifiedById'],
        before: current,
      });
    });
  }

  /**
   * Live archives (ACTIVE, DORMANT) of one owner neither verified nor updated in the last
   * `olderThanDays`, least recently touched first. Managers ask about anyone; others about
   * their own archives only.
   */
  stale(
    viewer: Viewer,
    page: PageArgs,
    ownerGlobalId?: string,
    olderThanDays = this.staleAfterDays,
    now = new Date(),
  ): Promise<Page<Customer>> {
    const ownerId = ownerGlobalId === undefined ? viewer.userId : expectId(ownerGlobalId, 'User', 'ownerId');
    if (ownerId === null) throw badInput('ownerId', 'name an employee: your token is not one');
    if (ownerId !== viewer.userId && !seesClassA(viewer)) throw forbidden("list another employee's stale archives");
    if (!Number.isInteger(olderThanDays) || olderThanDays < 1 || olderThanDays > 3650)
      throw badInput('olderThanDays', 'must be 1 to 3650');
    const cutoff = new Date(now.getTime() - olderThanDays * DAY_MS);
    const qb = this.customers
      .scoped(viewer)
      .andWhere('c.ownerId = :ownerId', { ownerId })
      .andWhere('c.status IN (:...live)', { live: [ArchiveStatus.ACTIVE, ArchiveStatus.DORMANT] })
      .andWhere('c.updatedAt < :cutoff', { cutoff })
      .andWhere('(c.verifiedAt IS NULL OR c.verifiedAt < :cutoff)', { cutoff });
    return paginate(qb, 'c', LEAST_RECENT_FIRST, page);
  }
}
