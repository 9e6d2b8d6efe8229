import { type DataSource, In, type Repository } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole } from '../auth/guard';
import { OWNER_ASSIGNERS } from '../auth/policy';
import type { Page, PageArgs } from '../common/connection';
import { badInput } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { writeTransaction } from '../db/transaction';
import { touched } from '../db/timestamps';
import { dialectOf } from '../db/data-source';
import { type Change, recordChanges } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { Customer } from '../customers/customer.entity';
import { scopeCustomers } from '../auth/row-scope';
import { User } from '../users/user.entity';
import type { UserService } from '../users/user.service';
import { expectActiveEmployee } from '../users/named-employee';
import { Visit } from '../visits/visit.entity';
import { Handover, HandoverItem } from './handover.entity';
import type { DeactivateUserArgs, HandOverArgs } from './handover.inputs';
import { trimmedReason } from '../common/validators';

const NEWEST_FIRST: SortSpec = { key: { property: 'handedOverAt', kind: 'date' }, direction: 'DESC' };

/**
 * 员工调离时不得将客户资料带走: a manager moves every archive of a leaving employee, and
 * their planned visits, to another employee in one transaction with one handover entry;
 * then the employee can be marked as left, after which nobody can assign archives to them
 * and their tokens are refused.
 */
export class HandoverService {
  private readonly repo: Repository<Handover>;
  constructor(
    private readonly ds: DataSource,
    private readonly users: UserService,
  ) {
    this.repo = ds.getRepository(Handover);
  }

  async handOver(viewer: Viewer, args: HandOverArgs): Promise<Handover> {
    assertAnyRole(viewer, OWNER_ASSIGNERS, 'hand archives over');
    const fromUserId = expectId(args.fromUserId, 'User', 'fromUserId');
    const toUserId = expectId(args.toUserId, 'User', 'toUserId');
    if (fromUserId === toUserId) throw badInput('toUserId', 'must be someone else than fromUserId');
    const reason = trimmedReason(args.reason);
    const users = this.ds.getRepository(User);
    if (!(await users.existsBy({ id: fromUserId }))) throw badInput('fromUserId', 'no employee with this id');
    await expectActiveEmployee(this.ds, toUserId, 'toUserId');

    return writeTransaction(this.ds, async (em) => {
      const lock = dialectOf(this.ds) === 'mysql' ? ' FOR UPDATE' : '';
      const customers = (await em.query(`SELECT id FROM customer WHERE owner_id = ? ORDER BY id${lock}`, [
        fromUserId,
      ])) as { id: number }[];
      const visits = (await em.query(
        `SELECT id, customer_id AS customerId FROM visit WHERE user_id = ? AND occurred_at IS NULL ORDER BY id${lock}`,
        [fromUserId],
      )) as { id: number; customerId: number }[];
      const customerIds = customers.map((c) => Number(c.id));
      if (customerIds.length)
        await em.getRepository(Customer).update({ id: In(customerIds) }, touched(em, { ownerId: toUserId }));
      if (visits.length)
        await em
          .getRepository(Visit)
          .update({ id: In(visits.map((v) => Number(v.id))) }, touched(em, { userId: toUserId }));
      const inserted = await em.getRepository(Handover).insert({
        fromUserId,
        toUserId,
        byUserId: viewer.userId,
        reason,
        archiveCount: customerIds.length,
        visitCount: visits.length,
        handedOverAt: new Date(),
      });
      const handoverId = inserted.identifiers[0].id as number;
      if (customerIds.length)
        await em.getRepository(HandoverItem).insert(customerIds.map((customerId) => ({ handoverId, customerId })));
      const changes: Change[] = [
        ...customerIds.map((id): Change => ({
          type: 'Customer',
          id,
          customerId: id,
          operation: Op.UPDATED,
          changedFields: ['ownerId'],
          before: { ownerId: fromUserId },
          note: `员工调离: ${reason}`,
        })),
        ...visits.map((v): Change => ({
          type: 'Visit',
          id: Number(v.id),
          customerId: Number(v.customerId),
          operation: Op.UPDATED,
          changedFields: ['userId'],
          before: { userId: fromUserId },
          note: `员工调离: ${reason}`,
        })),
      ];
      await recordChanges(em, viewer, changes);
      return em.getRepository(Handover).findOneByOrFail({ id: handoverId });
    });
  }

  /**
   * Marks an employee as left. Refused while they still own archives: those are handed over
   * first (handOverCustomers), so no archive is left without an owner.
   */
  async deactivate(viewer: Viewer, args: DeactivateUserArgs): Promise<User> {
    assertAnyRole(viewer, OWNER_ASSIGNERS, 'mark employees as left');
    const id = expectId(args.userId, 'User', 'userId');
    const left = await writeTransaction(this.ds, async (em) => {
      const user = await em.getRepository(User).findOneBy({ id });
      if (!user) throw badInput('userId', 'no employee with this id');
      if (!user.active) throw badInput('userId', 'this employee has already left');
      const owned = await em.getRepository(Customer).countBy({ ownerId: id });
      if (owned > 0)
        throw badInput('userId', `still owns ${owned} archive(s): hand them over first (handOverCustomers)`);
      await em.getRepository(User).update(id, touched(em, { active: false, leftAt: new Date() }));
      return em.getRepository(User).findOneByOrFail({ id });
    });
    this.users.noteLeft(id);
    return left;
  }

  list(viewer: Viewer, page: PageArgs): Promise<Page<Handover>> {
    assertAnyRole(viewer, OWNER_ASSIGNERS, 'list handovers');
    return paginate(this.repo.createQueryBuilder('h'), 'h', NEWEST_FIRST, page);
  }

  /** The archives of one handover that the caller may see (a handover's own page: not batched across handovers). */
  archives(viewer: Viewer, handoverId: number, page: PageArgs): Promise<Page<Customer>> {
    const qb = this.ds
      .getRepository(Customer)
      .createQueryBuilder('c')
      .where('c.id IN (SELECT hi.customer_id FROM handover_item hi WHERE hi.handover_id = :handoverId)', {
        handoverId,
      });
    scopeCustomers(qb, 'c', viewer);
    return paginate(qb, 'c', { key: { property: 'archiveNo', kind: 'string' }, direction: 'ASC' }, page);
  }
}
