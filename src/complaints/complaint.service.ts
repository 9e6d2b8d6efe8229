import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite, touches } from '../auth/guard';
import type { Caller } from '../common/caller';
import { childPage } from '../common/child-pages';
import { Page, PageArgs } from '../common/connection';
import { badInput, notFound } from '../common/errors';
import { expectId, idOrNull } from '../common/global-id';
import { paginate, SortSpec } from '../common/paging';
import { definedOnly, realChanges, updateVersioned } from '../common/versioned-update';
import type { ContactService } from '../contacts/contact.service';
import { scopeByCustomer, scopeVariant } from '../customers/customer.scope';
import type { CustomerService } from '../customers/customer.service';
import { namedEmployee } from '../users/named-employee';
import { Complaint } from './complaint.entity';
import { ComplaintStatus } from './complaint.enums';
import {
  ComplaintFilter, ComplaintOrder, ComplaintSortField, CreateComplaintInput, UpdateComplaintInput,
} from './complaint.inputs';
import { writeTransaction } from '../db/transaction';
import { recordChange } from '../changes/record-change';
import { ChangeOperationName as Op } from '../changes/change-event.entity';
import { rowsByIds } from '../db/reuse-sql';

const SORT_KEYS = {
  [ComplaintSortField.RECEIVED_AT]: { property: 'receivedAt', kind: 'date' },
  [ComplaintSortField.CREATED_AT]: { property: 'createdAt', kind: 'date' },
  [ComplaintSortField.UPDATED_AT]: { property: 'updatedAt', kind: 'date' },
} as const;

const sortOf = (order?: ComplaintOrder): SortSpec =>
  order ? { key: SORT_KEYS[order.field], direction: order.direction } : { key: SORT_KEYS.RECEIVED_AT, direction: 'DESC' };

const LIFECYCLE = Object.values(ComplaintStatus);
const isDone = (status: ComplaintStatus) => status === ComplaintStatus.RESOLVED || status === ComplaintStatus.CLOSED;

/** A complaint moves forward only (steps may be skipped): a handled complaint is never silently reopened. */
export function assertForward(from: ComplaintStatus, to: ComplaintStatus): void {
  if (LIFECYCLE.indexOf(to) < LIFECYCLE.indexOf(from)) {
    throw badInput('status', `a ${from} complaint cannot go back to ${to}; record a new complaint instead`);
  }
}

export class ComplaintService {
  private readonly repo: Repository<Complaint>;
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly contacts: ContactService,
  ) {
    this.repo = ds.getRepository(Complaint);
  }

  /** Every read of complaints starts here: only complaints of customers the caller may see. */
  scoped(viewer: Viewer, alias = 'p'): SelectQueryBuilder<Complaint> {
    const qb = this.repo.createQueryBuilder(alias);
    scopeByCustomer(qb, alias, viewer);
    return qb;
  }

  list(viewer: Viewer, page: PageArgs, filter?: ComplaintFilter, order?: ComplaintOrder): Promise<Page<Complaint>> {
    const qb = this.scoped(viewer);
    this.applyFilter(qb, filter);
    return paginate(qb, 'p', sortOf(order), page);
  }

  private applyFilter(qb: SelectQueryBuilder<Complaint>, f?: ComplaintFilter): void {
    if (!f) return;
    if (f.customerId) qb.andWhere('p.customerId = :customerId', { customerId: expectId(f.customerId, 'Customer', 'filter.customerId') });
    if (f.contactId) qb.andWhere('p.contactId = :contactId', { contactId: expectId(f.contactId, 'Contact', 'filter.contactId') });
    if (f.handlerId) qb.andWhere('p.handlerId = :handlerId', { handlerId: expectId(f.handlerId, 'User', 'filter.handlerId') });
    if (f.status?.length) qb.andWhere('p.status IN (:...status)', { status: f.status });
    if (f.severity?.length) qb.andWhere('p.severity IN (:...severity)', { severity: f.severity });
    if (f.category?.length) qb.andWhere('p.category IN (:...category)', { category: f.category });
    if (f.channel?.length) qb.andWhere('p.channel IN (:...channel)', { channel: f.channel });
    if (f.receivedFrom) qb.andWhere('p.receivedAt >= :receivedFrom', { receivedFrom: f.receivedFrom });
    if (f.receivedBefore) qb.andWhere('p.receivedAt < :receivedBefore', { receivedBefore: f.receivedBefore });
    if (f.overdue != null) {
      const open = [ComplaintStatus.OPEN, ComplaintStatus.IN_PROGRESS];
      const overdue = 'p.status IN (:...openStatus) AND p.dueAt < :now';
      qb.andWhere(f.overdue ? overdue : `NOT (${overdue} AND p.dueAt IS NOT NULL)`, { openStatus: open, now: new Date() });
    }
  }

  /** Customer.complaints: one statement for the whole page of customers. */
  ofCustomer(caller: Caller, customerId: number, page: PageArgs, order?: ComplaintOrder): Promise<Page<Complaint>> {
    return childPage(caller, {
      name: 'complaintsByCustomer', repo: this.repo, parentProperty: 'customerId', parentId: customerId,
      sort: sortOf(order), args: page, scope: (qb, alias) => scopeByCustomer(qb, alias, caller.viewer),
    });
  }

  async byIds(viewer: Viewer, ids: readonly number[]): Promise<(Complaint | null)[]> {
    return rowsByIds(this.scoped(viewer), ids, scopeVariant(viewer));
  }

  async get(viewer: Viewer, globalId: string): Promise<Complaint | null> {
    const id = idOrNull(globalId, 'Complaint');
    return id ? (await this.byIds(viewer, [id]))[0] : null;
  }

  async create(viewer: Viewer, input: CreateComplaintInput): Promise<Complaint> {
    const right = assertMayWrite(viewer, 'Complaint', 'create', touches('Complaint', input));
    const customer = await this.customers.writable(right, input.customerId);
    const customerId = customer.id;
    const { customerId: _gid, contactId, handlerId, ...fields } = input;
    const status = fields.status ?? ComplaintStatus.OPEN;
    const values = {
      ...definedOnly(fields),
      customerId,
      contactId: (await this.contacts.expectOfCustomer(viewer, customerId, contactId)) ?? null,
      handlerId: handlerId == null ? null : await namedEmployee(this.ds, right, [customer], 'handlerId', handlerId),
      receivedAt: fields.receivedAt ?? new Date(),
      status,
      resolvedAt: fields.resolvedAt ?? (isDone(status) ? new Date() : null),
    };
    return writeTransaction(this.ds, async (em) => {
      const inserted = await em.getRepository(Complaint).insert(values);
      const rowId = inserted.identifiers[0].id as number;
      return recordChange<Complaint>(em, viewer, { type: 'Complaint', id: rowId, customerId, operation: Op.CREATED });
    });
  }

  async update(viewer: Viewer, input: UpdateComplaintInput): Promise<Complaint> {
    const right = assertMayWrite(viewer, 'Complaint', 'update', touches('Complaint', input));
    const id = expectId(input.id, 'Complaint', 'id');
    const [current] = await this.byIds(viewer, [id]);
    const customer = current && (await this.customers.writableUnder(right, current.customerId));
    if (!current || !customer) throw notFound('Complaint', input.id);
    const { id: _gid, version, note, contactId, handlerId, ...fields } = input;
    const given = definedOnly(fields) as Partial<Complaint>;
    // Checked against the row as read: the UPDATE below only succeeds if the row still has
    // `version`, and `current` is at least that new, so a passed check held for the row written.
    if (fields.status) assertForward(current.status, fields.status);
    if (fields.status && isDone(fields.status) && fields.resolvedAt === undefined && !current.resolvedAt) {
      given.resolvedAt = new Date();
    }
    if (contactId !== undefined) given.contactId = await this.contacts.expectOfCustomer(viewer, current.customerId, contactId);
    if (handlerId !== undefined) given.handlerId = handlerId === null ? null : await namedEmployee(this.ds, right, [customer], 'handlerId', handlerId);
    const changes = realChanges(current, given, version, 'Complaint', input.id);
    if (!changes) return current;
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Complaint, 'Complaint', input.id, id, version, changes);
      return recordChange<Complaint>(em, viewer, { type: 'Complaint', id, customerId: current.customerId, operation: Op.UPDATED, changedFields: Object.keys(changes), before: current, note });
    });
  }
}
