import { type DataSource, type Repository } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole } from '../auth/guard';
import { DESTRUCTION_APPROVERS, DESTRUCTION_PROPOSERS, RELATIONSHIP_ENDERS } from '../auth/policy';
import type { Page, PageArgs } from '../common/connection';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { expectId, idOrNull } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { updateVersioned } from '../db/versioned-update';
import { recordChange } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import type { CustomerService } from '../customers/customer.service';
import { touched } from '../db/timestamps';
import { writeTransaction } from '../db/transaction';
import { Destruction, DestructionStatus } from './destruction.entity';
import { eraseArchive } from './erase';
import type {
  DecideDestructionArgs,
  EndRelationshipArgs,
  ProposeDestructionArgs,
  RejectDestructionArgs,
} from './retention.inputs';
import { trimmedReason } from '../common/validators';

const ENDABLE = new Set([ArchiveStatus.ACTIVE, ArchiveStatus.DORMANT]);
const DEFAULT_METHOD = '数据库内不可恢复擦除 (irreversible erasure in the database)';
const OLDEST_ENDED_FIRST: SortSpec = { key: { property: 'endedAt', kind: 'date' }, direction: 'ASC' };
const NEWEST_FIRST: SortSpec = { key: { property: 'id', kind: 'number' }, direction: 'DESC' };

/** The day retention of an archive ended at `endedAt` runs out. */
export const retainedUntil = (endedAt: Date, years: number) => {
  const until = new Date(endedAt);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
};

/**
 * 保管期限与销毁 (DOMAIN rule 10): ending a relationship starts the retention clock; once
 * it has run out, an archive admin proposes destruction and a general manager, never the
 * proposer, approves it, which erases the archive's data (erase.ts) and keeps a record of
 * the destruction. Time comes from `now` so the rules can be tested without waiting years.
 */
export class RetentionService {
  private readonly repo: Repository<Destruction>;
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly retentionYears: number,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repo = ds.getRepository(Destruction);
  }

  async endRelationship(viewer: Viewer, args: EndRelationshipArgs): Promise<Customer> {
    assertAnyRole(viewer, RELATIONSHIP_ENDERS, 'end relationships');
    const reason = trimmedReason(args.reason);
    const [current] = await this.customers.byIds(viewer, [expectId(args.id, 'Customer', 'id')]);
    if (!current) throw notFound('Customer', args.id);
    if (!ENDABLE.has(current.status))
      throw badInput(
        'status',
        `only an ACTIVE or DORMANT archive's relationship can end; this one is ${current.status}`,
      );
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Customer, 'Customer', args.id, current.id, args.version, {
        status: ArchiveStatus.ENDED,
        endedAt: this.now(),
      });
      return recordChange<Customer>(em, viewer, {
        type: 'Customer',
        id: current.id,
        customerId: current.id,
        operation: Op.UPDATED,
        changedFields: ['status', 'endedAt'],
        before: current,
        note: reason,
      });
    });
  }

  /** Ended archives whose retention has run out, longest ended first. */
  due(viewer: Viewer, page: PageArgs): Promise<Page<Customer>> {
    assertAnyRole(viewer, [...DESTRUCTION_PROPOSERS, ...DESTRUCTION_APPROVERS], 'list archives due for destruction');
    return paginate(this.dueQuery(viewer), 'c', OLDEST_ENDED_FIRST, page);
  }

  private dueQuery(viewer: Viewer) {
    const cutoff = retainedUntil(this.now(), -this.retentionYears);
    return this.customers
      .scoped(viewer)
      .andWhere('c.status = :ended AND c.endedAt <= :cutoff', { ended: ArchiveStatus.ENDED, cutoff });
  }

  async propose(viewer: Viewer, args: ProposeDestructionArgs): Promise<Destruction> {
    assertAnyRole(viewer, DESTRUCTION_PROPOSERS, 'propose destruction');
    const reason = trimmedReason(args.reason);
    const id = expectId(args.customerId, 'Customer', 'customerId');
    const customer = await this.dueQuery(viewer).andWhere('c.id = :id', { id }).getOne();
    if (!customer) {
      const [exists] = await this.customers.byIds(viewer, [id]);
      if (!exists) throw notFound('Customer', args.customerId);
      throw badInput(
        'customerId',
        exists.status === ArchiveStatus.ENDED && exists.endedAt
          ? `its retention runs until ${retainedUntil(exists.endedAt, this.retentionYears).toISOString().slice(0, 10)}`
          : `only an ENDED archive past its retention is destroyed; this one is ${exists.status}`,
      );
    }
    if (await this.repo.existsBy({ customerId: id, status: DestructionStatus.PROPOSED }))
      throw conflict('A destruction of this archive is already proposed.');
    const inserted = await this.repo.insert({
      customerId: id,
      archiveNo: customer.archiveNo,
      status: DestructionStatus.PROPOSED,
      reason,
      method: args.method?.trim() || DEFAULT_METHOD,
      proposedById: viewer.userId,
      proposedAt: this.now(),
    });
    return this.repo.findOneByOrFail({ id: inserted.identifiers[0].id as number });
  }

  /** Carries the destruction out: two people decide it (销毁须经审批), and nothing of the archive's data remains. */
  async approve(viewer: Viewer, args: DecideDestructionArgs): Promise<Destruction> {
    const proposal = await this.decidable(viewer, args.id, 'approve');
    const [archive] = await this.customers.byIds(viewer, [proposal.customerId]);
    if (!archive) throw notFound('Customer', String(proposal.customerId));
    await writeTransaction(this.ds, async (em) => {
      const erased = await eraseArchive(em, proposal.customerId);
      await em
        .getRepository(Customer)
        .update({ id: proposal.customerId }, touched(em, { status: ArchiveStatus.DESTROYED }));
      await em.getRepository(Destruction).update(
        { id: proposal.id },
        {
          status: DestructionStatus.APPROVED,
          decidedById: viewer.userId,
          decidedAt: this.now(),
          erased: JSON.stringify(erased),
        },
      );
      await recordChange(em, viewer, {
        type: 'Customer',
        id: archive.id,
        customerId: archive.id,
        operation: Op.UPDATED,
        changedFields: ['status'],
        before: { status: archive.status },
      });
    });
    return this.repo.findOneByOrFail({ id: proposal.id });
  }

  async reject(viewer: Viewer, args: RejectDestructionArgs): Promise<Destruction> {
    const proposal = await this.decidable(viewer, args.id, 'reject');
    const note = trimmedReason(args.note, 'note');
    await this.repo.update(
      { id: proposal.id },
      { status: DestructionStatus.REJECTED, decidedById: viewer.userId, decidedAt: this.now(), decisionNote: note },
    );
    return this.repo.findOneByOrFail({ id: proposal.id });
  }

  private async decidable(viewer: Viewer, globalId: string, what: 'approve' | 'reject'): Promise<Destruction> {
    assertAnyRole(viewer, DESTRUCTION_APPROVERS, `${what} destruction`);
    const id = idOrNull(globalId, 'Destruction');
    const proposal = id ? await this.repo.findOneBy({ id }) : null;
    if (!proposal) throw notFound('Destruction', globalId);
    if (proposal.proposedById !== null && proposal.proposedById === viewer.userId)
      throw forbidden(`${what} a destruction you proposed (two people decide it)`);
    if (proposal.status !== DestructionStatus.PROPOSED)
      throw badInput('status', `this destruction is ${proposal.status} already`);
    return proposal;
  }

  list(viewer: Viewer, page: PageArgs): Promise<Page<Destruction>> {
    assertAnyRole(viewer, [...DESTRUCTION_PROPOSERS, ...DESTRUCTION_APPROVERS], 'list destructions');
    return paginate(this.repo.createQueryBuilder('d'), 'd', NEWEST_FIRST, page);
  }
}
