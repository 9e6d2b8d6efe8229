import { type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import type { Caller } from '../auth/caller';
import { type Page, type PageArgs } from '../common/connection';
import { badInput, complaintStepRefused } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { applyWhere } from '../auth/where/where-sql';
import { definedOnly, realChanges, updateVersioned } from '../db/versioned-update';
import type { ContactService } from '../contacts/contact.service';
import { ScopedRows } from '../auth/scoped-rows';
import { WritesUnder } from '../customers/writes-under';
import type { CustomerService } from '../customers/customer.service';
import { namedEmployee } from '../users/named-employee';
import { Complaint } from './complaint.entity';
import { ComplaintStatus, Severity } from './complaint.enums';
import { assertComplete, assertStep, type ComplaintRules, isReopening, serviceDue } from './complaint-lifecycle';
import type { Clock } from '../config/rules';
import {
  type ComplaintFilter,
  type ComplaintOrder,
  ComplaintSortField,
  type CreateComplaintInput,
  type UpdateComplaintInput,
} from './complaint.inputs';
import { writeTransaction } from '../db/transaction';
import { recordChange } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';

const SORT_KEYS = {
  [ComplaintSortField.RECEIVED_AT]: { property: 'receivedAt', kind: 'date' },
  [ComplaintSortField.CREATED_AT]: { property: 'createdAt', kind: 'date' },
  [ComplaintSortField.UPDATED_AT]: { property: 'updatedAt', kind: 'date' },
} as const;

const sortOf = (order?: ComplaintOrder): SortSpec =>
  order
    ? { key: SORT_KEYS[order.field], direction: order.direction }
    : { key: SORT_KEYS.RECEIVED_AT, direction: 'DESC' };

const MOST_OVERDUE_FIRST: SortSpec = { key: { property: 'dueAt', kind: 'date' }, direction: 'ASC' };
const OPEN = [ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS];

export class ComplaintService {
  private readonly rows: ScopedRows<Complaint>;
  private readonly writes: WritesUnder<Complaint>;
  constructor(
    private readonly ds: DataSource,
    customers: CustomerService,
    private readonly contacts: ContactService,
    private readonly rules: ComplaintRules,
    private readonly clock: Clock,
  ) {
    this.rows = new ScopedRows(ds.getRepository(Complaint), 'Complaint', 'p');
    this.writes = new WritesUnder('Complaint', this.rows, customers);
  }

  /** Every read of complaints starts here: only complaints of customers the caller may see. */
  scoped(viewer: Viewer, alias?: string): SelectQueryBuilder<Complaint> {
    return this.rows.scoped(viewer, alias);
  }

  /** The rows a list, and its totals (complaintStats), compute over: the caller's scope, the filter and where. */
  filtered(viewer: Viewer, filter?: ComplaintFilter, where?: Record<string, unknown>): SelectQueryBuilder<Complaint> {
    const qb = this.scoped(viewer);
    this.applyFilter(qb, filter);
    applyWhere(qb, 'p', 'Complaint', where, viewer);
    return qb;
  }

  list(
    viewer: Viewer,
    page: PageArgs,
    filter?: ComplaintFilter,
    order?: ComplaintOrder,
    where?: Record<string, unknown>,
  ): Promise<Page<Complaint>> {
    return paginate(this.filtered(viewer, filter, where), 'p', sortOf(order), page);
  }

  private applyFilter(qb: SelectQueryBuilder<Complaint>, f?: ComplaintFilter): void {
    if (!f) return;
    if (f.customerId)
      qb.andWhere('p.customerId = :customerId', {
        customerId: expectId(f.customerId, 'Customer', 'filter.customerId'),
      });
    if (f.contactId)
      qb.andWhere('p.contactId = :contactId', { contactId: expectId(f.contactId, 'Contact', 'filter.contactId') });
    if (f.handlerId)
      qb.andWhere('p.handlerId = :handlerId', { handlerId: expectId(f.handlerId, 'User', 'filter.handlerId') });
    if (f.status?.length) qb.andWhere('p.status IN (:...status)', { status: f.status });
    if (f.severity?.length) qb.andWhere('p.severity IN (:...severity)', { severity: f.severity });
    if (f.category?.length) qb.andWhere('p.category IN (:...category)', { category: f.category });
    if (f.channel?.length) qb.andWhere('p.channel IN (:...channel)', { channel: f.channel });
    if (f.receivedFrom) qb.andWhere('p.receivedAt >= :receivedFrom', { receivedFrom: f.receivedFrom });
    if (f.receivedBefore) qb.andWhere('p.receivedAt < :receivedBefore', { receivedBefore: f.receivedBefore });
    if (f.overdue != null) {
      const open = [ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS];
      const overdue = 'p.status IN (:...openStatus) AND p.dueAt < :now';
      qb.andWhere(f.overdue ? overdue : `NOT (${overdue} AND p.dueAt IS NOT NULL)`, {
        openStatus: open,
        now: this.clock(),
      });
    }
  }

  /**
   * Complaints still OPEN or IN_PROGRESS after their due time, most overdue first (for
   * handlers and managers; the escalation job goes through the same condition).
   */
  overdue(viewer: Viewer, page: PageArgs): Promise<Page<Complaint>> {
    const qb = this.scoped(viewer)
      .andWhere('p.status IN (:...open)', { open: OPEN })
      .andWhere('p.dueAt < :now', { now: this.clock() });
    return paginate(qb, 'p', MOST_OVERDUE_FIRST, page);
  }

  /** Customer.complaints: one statement for the whole page of customers. */
  ofCustomer(
    caller: Caller,
    customerId: number,
    page: PageArgs,
    order?: ComplaintOrder,
    fields?: readonly string[],
  ): Promise<Page<Complaint>> {
    return this.rows.pageOf(caller, 'customerId', customerId, page, sortOf(order), fields);
  }

  /** Batch lookup in key order; complaints of hidden customers come back null. */
  byIds(viewer: Viewer, ids: readonly number[]): Promise<(Complaint | null)[]> {
    return this.rows.byIds(viewer, ids);
  }

  get(viewer: Viewer, globalId: string): Promise<Complaint | null> {
    return this.rows.get(viewer, globalId);
  }

  async create(viewer: Viewer, input: CreateComplaintInput): Promise<Complaint> {
    const { right, customer } = await this.writes.create(viewer, input);
    const customerId = customer.id;
    const { customerId: _gid, contactId, handlerId, ...fields } = input;
    if ((fields.status ?? ComplaintStatus.OPEN) !== ComplaintStatus.OPEN) {
      throw complaintStepRefused('a new complaint is OPEN: it moves on one step at a time with updateComplaint');
    }
    const receivedAt = fields.receivedAt ?? this.clock();
    const severity = fields.severity ?? Severity.MEDIUM;
    const values = {
      ...definedOnly(fields),
      customerId,
      contactId: (await this.contacts.expectOfCustomer(viewer, customerId, contactId)) ?? null,
      handlerId: handlerId == null ? null : await namedEmployee(this.ds, right, [customer], 'handlerId', handlerId),
      receivedAt,
      severity,
      status: ComplaintStatus.OPEN,
      dueAt: this.dueAt(receivedAt, severity, fields.dueAt),
    };
    return writeTransaction(this.ds, async (em) => {
      const inserted = await em.getRepository(Complaint).insert(values);
      const rowId = inserted.identifiers[0].id as number;
      return recordChange<Complaint>(em, viewer, { type: 'Complaint', id: rowId, customerId, operation: Op.CREATED });
    });
  }

  async update(viewer: Viewer, input: UpdateComplaintInput): Promise<Complaint> {
    const { right, current, customer } = await this.writes.update(viewer, input);
    const id = current.id;
    const { id: _gid, version, note, contactId, handlerId, ...fields } = input;
    const given = { ...definedOnly(fields), ...this.stepChanges(current, fields) } as Partial<Complaint>;
    assertComplete({ ...current, ...given });
    if (contactId !== undefined)
      given.contactId = await this.contacts.expectOfCustomer(viewer, current.customerId, contactId);
    if (handlerId !== undefined)
      given.handlerId =
        handlerId === null ? null : await namedEmployee(this.ds, right, [customer], 'handlerId', handlerId);
    const changes = realChanges(current, given, version, 'Complaint', input.id);
    if (!changes) return current;
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Complaint, 'Complaint', input.id, id, version, changes);
      return recordChange<Complaint>(em, viewer, {
        type: 'Complaint',
        id,
        customerId: current.customerId,
        operation: Op.UPDATED,
        changedFields: Object.keys(changes),
        before: current,
        note,
      });
    });
  }

  /**
   * What a status step and a new severity or receipt time bring with them: RESOLVED sets
   * resolvedAt (unless given); reopening clears the resolution time, the satisfaction and the
   * escalation and starts a new service level from now; the due time follows the severity.
   */
  private stepChanges(
    current: Complaint,
    fields: Omit<UpdateComplaintInput, 'id' | 'version' | 'contactId' | 'handlerId'>,
  ): Partial<Complaint> {
    const now = this.clock();
    const to = fields.status ?? current.status;
    assertStep(current, to, now, this.rules);
    const severity = fields.severity ?? current.severity;
    if (isReopening(current.status, to)) {
      return {
        resolvedAt: null,
        satisfaction: null,
        escalatedAt: null,
        escalatedToId: null,
        dueAt: this.dueAt(now, severity, fields.dueAt),
      };
    }
    const out: Partial<Complaint> = {};
    if (to === ComplaintStatus.RESOLVED && current.status !== to && fields.resolvedAt === undefined)
      out.resolvedAt = now;
    const receivedAt = fields.receivedAt ?? current.receivedAt;
    if (fields.dueAt !== undefined || fields.severity !== undefined || fields.receivedAt !== undefined)
      out.dueAt = this.dueAt(receivedAt, severity, fields.dueAt);
    return out;
  }

  /** The service level's due time from `from`, or the one given if it is no later (null: the service level). */
  private dueAt(from: Date, severity: Severity, given: Date | null | undefined): Date {
    const latest = serviceDue(from, severity, this.rules);
    if (given == null) return latest;
    if (given.getTime() > latest.getTime()) {
      throw badInput(
        'dueAt',
        `a ${severity} complaint is due within ${this.rules.complaintDueHours[severity]} h (by ${latest.toISOString()}); it may be earlier, not later`,
      );
    }
    return given;
  }
}
