import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { RoleName } from '../auth/roles';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { type Change, recordChanges } from '../outbox/record-change';
import type { Clock } from '../config/rules';
import { Customer } from '../customers/customer.entity';
import { writeTransaction } from '../db/transaction';
import { User } from '../users/user.entity';
import { Complaint } from './complaint.entity';
import { ComplaintStatus } from './complaint.enums';

const BATCH = 100;
const OPEN = [ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS];
const MANAGERS = [RoleName.SALES_MANAGER, RoleName.GENERAL_MANAGER];

/** Who the job's writes are by, in the change feed. */
export const ESCALATION_ACTOR: Viewer = {
  userId: null,
  subject: 'job:escalate-complaints',
  roles: [],
  expiresAt: null,
};

export interface EscalationResult {
  /** Complaints escalated by this run. */
  escalated: number;
  /** Overdue complaints with no manager to escalate to (no active sales or general manager): left for the next run. */
  noManager: number;
}

/**
 * Escalation of overdue complaints (投诉处理 service levels) to the handler's manager: a field
 * and a change event, no e-mail. Run by schedulers (`npm run jobs -- escalate-complaints`),
 * never by a timer in the API: nothing breaks when no scheduler runs, overdueComplaints is
 * computed from the rows whenever asked. Each complaint is escalated once (until reopened).
 *
 * The handler's manager, from what the employee table knows (department and role): an active
 * sales_manager of the handler's department; for a handler who is a manager, or a department
 * without one, an active general_manager (of the same department first). An unassigned
 * complaint counts as its customer owner's.
 */
export class ComplaintEscalationService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async escalateOverdue(): Promise<EscalationResult> {
    const now = this.clock();
    const result: EscalationResult = { escalated: 0, noManager: 0 };
    const managers = new Map<number | null, number | null>();
    for (let after = 0; ;) {
      const due = await this.ds
        .getRepository(Complaint)
        .createQueryBuilder('p')
        .select(['p.id AS id', 'p.customerId AS customerId', 'COALESCE(p.handlerId, c.ownerId) AS responsible'])
        .innerJoin(Customer, 'c', 'c.id = p.customerId')
        .where('p.status IN (:...open) AND p.dueAt < :now AND p.escalatedAt IS NULL AND p.id > :after', {
          open: OPEN,
          now,
          after,
        })
        .orderBy('p.id', 'ASC')
        .limit(BATCH)
        .getRawMany<{ id: number | string; customerId: number | string; responsible: number | string | null }>();
      if (due.length === 0) return result;
      after = Number(due[due.length - 1].id);
      const targets: { id: number; customerId: number; managerId: number }[] = [];
      for (const row of due) {
        const responsible = row.responsible === null ? null : Number(row.responsible);
        if (!managers.has(responsible)) managers.set(responsible, await this.managerOf(responsible));
        const managerId = managers.get(responsible)!;
        if (managerId === null) result.noManager++;
        else targets.push({ id: Number(row.id), customerId: Number(row.customerId), managerId });
      }
      result.escalated += await this.escalate(targets, now);
    }
  }

  /** One transaction per batch; a complaint resolved or escalated meanwhile is left alone (the conditional UPDATE). */
  private escalate(targets: { id: number; customerId: number; managerId: number }[], now: Date): Promise<number> {
    if (targets.length === 0) return Promise.resolve(0);
    return writeTransaction(this.ds, async (em) => {
      const changes: Change[] = [];
      for (const t of targets) {
        const done = await em
          .createQueryBuilder()
          .update(Complaint)
          .set({ escalatedAt: now, escalatedToId: t.managerId })
          .where('id = :id AND escalatedAt IS NULL AND status IN (:...open) AND dueAt < :now', {
            id: t.id,
            open: OPEN,
            now,
          })
          .execute();
        if (done.affected)
          changes.push({
            type: 'Complaint',
            id: t.id,
            customerId: t.customerId,
            operation: Op.UPDATED,
            changedFields: ['escalatedAt', 'escalatedToId'],
          });
      }
      await recordChanges(em, ESCALATION_ACTOR, changes);
      return changes.length;
    });
  }

  private async managerOf(userId: number | null): Promise<number | null> {
    const person = userId === null ? null : await this.ds.getRepository(User).findOneBy({ id: userId });
    const department = person?.department ?? '';
    const isManager = person !== null && MANAGERS.includes(person.role);
    const qb = this.ds
      .getRepository(User)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.active = :active', { active: true })
      .andWhere('u.id <> :self', { self: userId ?? 0 });
    if (isManager) qb.andWhere('u.role = :gm', { gm: RoleName.GENERAL_MANAGER });
    else
      qb.andWhere('((u.role = :sm AND u.department = :department) OR u.role = :gm)', {
        sm: RoleName.SALES_MANAGER,
        gm: RoleName.GENERAL_MANAGER,
        department,
      });
    // Nearest first: a sales manager of the department, then a general manager of it, then any general manager.
    qb.orderBy(
      `CASE WHEN u.role = '${RoleName.SALES_MANAGER}' THEN 0 WHEN u.department = :department THEN 1 ELSE 2 END`,
      'ASC',
    )
      .addOrderBy('u.id', 'ASC')
      .setParameter('department', department)
      .limit(1);
    const row = await qb.getRawOne<{ id: number | string }>();
    return row ? Number(row.id) : null;
  }
}
