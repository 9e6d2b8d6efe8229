import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole } from '../auth/guard';
import { ARCHIVE_APPROVERS } from '../auth/policy';
import type { Page, PageArgs } from '../common/connection';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { updateVersioned } from '../db/versioned-update';
import { uniqueViolation } from '../db/errors';
import { writeTransaction } from '../db/transaction';
import { type CadenceRules, refreshCareDues } from '../cadence/care-dues';
import { DEFAULT_RULES } from '../config/rules';
import { recordChange } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { duplicateArchive } from './archive-status';
import { Customer } from './customer.entity';
import { ArchiveStatus } from './customer.enums';
import type { CustomerService } from './customer.service';
import type { DecideArchiveArgs, RejectArchiveArgs } from './customer-approval.inputs';
import { trimmedReason } from '../common/validators';

/** Waiting longest first: the queue a manager works through. */
const OLDEST_FIRST: SortSpec = { key: { property: 'createdAt', kind: 'date' }, direction: 'ASC' };

/**
 * 建档审批 (DOMAIN rule 1): a draft becomes an archive when a sales or general manager who
 * did not create it approves it. Approval is where duplicates are stopped: the approver sees
 * every archive, so the clash is named to someone allowed to know of it, never to the rep
 * whose draft it is.
 */
export class ArchiveApprovalService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly cadence: CadenceRules = DEFAULT_RULES,
  ) {}

  /** Drafts the caller may decide: waiting, and not created by the caller. */
  awaiting(viewer: Viewer, page: PageArgs): Promise<Page<Customer>> {
    assertAnyRole(viewer, ARCHIVE_APPROVERS, 'decide archive drafts');
    const qb = this.customers.scoped(viewer).andWhere('c.status = :status', { status: ArchiveStatus.PENDING_APPROVAL });
    if (viewer.userId !== null) qb.andWhere('(c.createdById IS NULL OR c.createdById <> :me)', { me: viewer.userId });
    return paginate(qb, 'c', OLDEST_FIRST, page);
  }

  async approve(viewer: Viewer, args: DecideArchiveArgs): Promise<Customer> {
    const draft = await this.decidable(viewer, args, 'approve');
    if (draft.creditCode) {
      const holder = await this.customers
        .scoped(viewer)
        .andWhere('c.creditCodeKey = :code', { code: draft.creditCode })
        .getOne();
      if (holder) throw duplicateArchive(holder);
    }
    const changes: Partial<Customer> = {
      status: ArchiveStatus.ACTIVE,
      approvedAt: new Date(),
      approvedById: viewer.userId,
      creditCodeKey: draft.creditCode,
    };
    return writeTransaction(this.ds, async (em) => {
      try {
        await updateVersioned(em, Customer, 'Customer', args.id, draft.id, args.version, changes);
      } catch (err) {
        // Another approval took the code between our check and this write.
        if (uniqueViolation(err, { credit_code_key: 'creditCode' }) === 'creditCode') {
          throw conflict('Another archive with this creditCode was approved meanwhile: read the drafts again (查重).');
        }
        throw err;
      }
      // The contact cadence and the survey year start with the approval (src/cadence).
      const [dues] = await refreshCareDues(em, [draft.id], this.cadence);
      return recordChange<Customer>(em, viewer, {
        type: 'Customer',
        id: draft.id,
        customerId: draft.id,
        operation: Op.UPDATED,
        changedFields: ['status', 'approvedAt', 'approvedById', ...(dues?.fields ?? [])],
        before: draft,
        note: '建档审批: approved',
      });
    });
  }

  async reject(viewer: Viewer, args: RejectArchiveArgs): Promise<Customer> {
    const draft = await this.decidable(viewer, args, 'reject');
    const reason = trimmedReason(args.reason);
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Customer, 'Customer', args.id, draft.id, args.version, {
        status: ArchiveStatus.REJECTED,
        rejectionReason: reason,
      });
      return recordChange<Customer>(em, viewer, {
        type: 'Customer',
        id: draft.id,
        customerId: draft.id,
        operation: Op.UPDATED,
        changedFields: ['status', 'rejectionReason'],
        before: draft,
        note: reason,
      });
    });
  }

  /**
   * The draft a decision is about, with every rule checked against the row as read; the
   * versioned UPDATE then only succeeds if the row is still that version.
   */
  private async decidable(viewer: Viewer, args: DecideArchiveArgs, what: 'approve' | 'reject'): Promise<Customer> {
    assertAnyRole(viewer, ARCHIVE_APPROVERS, `${what} archive drafts`);
    if (viewer.userId === null)
      throw forbidden(`${what} archive drafts without an employee identity (your token's subject is not a user id)`);
    const [draft] = await this.customers.byIds(viewer, [expectId(args.id, 'Customer', 'id')]);
    if (!draft) throw notFound('Customer', args.id);
    if (draft.createdById === viewer.userId) throw forbidden(`${what} an archive you created yourself (审批须由他人)`);
    if (draft.version !== args.version) {
      throw conflict(
        `Customer ${args.id} was changed by someone else (your version ${args.version} is stale): read it again and retry.`,
      );
    }
    if (draft.status !== ArchiveStatus.PENDING_APPROVAL) {
      throw badInput('status', `only a draft (PENDING_APPROVAL) can be decided; this archive is ${draft.status}`);
    }
    return draft;
  }
}
