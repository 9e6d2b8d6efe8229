import { type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import type { Owned, WriteRight } from '../auth/guard';
import type { Caller } from '../auth/caller';
import { type Page, type PageArgs } from '../common/connection';
import { badInput } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { applyWhere } from '../auth/where/where-sql';
import { definedOnly, realChanges, updateVersioned } from '../db/versioned-update';
import type { ContactService } from '../contacts/contact.service';
import { ScopedRows } from '../auth/scoped-rows';
import { WritesUnder } from '../customers/writes-under';
import type { CustomerService } from '../customers/customer.service';
import { expectActiveEmployee, namedEmployee } from '../users/named-employee';
import { Visit } from './visit.entity';
import {
  type CreateVisitInput,
  type UpdateVisitInput,
  type VisitFilter,
  type VisitOrder,
  VisitSortField,
} from './visit.inputs';
import { writeTransaction } from '../db/transaction';
import { type Change, recordChanges } from '../outbox/record-change';
import { type CadenceRules, refreshCareDues } from '../cadence/care-dues';
import { assertMayMarket } from '../care/consent';
import { DEFAULT_RULES } from '../config/rules';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';

const SORT_KEYS = {
  [VisitSortField.PLANNED_AT]: { property: 'plannedAt', kind: 'date' },
  [VisitSortField.CREATED_AT]: { property: 'createdAt', kind: 'date' },
  [VisitSortField.UPDATED_AT]: { property: 'updatedAt', kind: 'date' },
} as const;

const sortOf = (order?: VisitOrder): SortSpec =>
  order
    ? { key: SORT_KEYS[order.field], direction: order.direction }
    : { key: SORT_KEYS.PLANNED_AT, direction: 'DESC' };

export class VisitService {
  private readonly rows: ScopedRows<Visit>;
  private readonly writes: WritesUnder<Visit>;
  constructor(
    private readonly ds: DataSource,
    customers: CustomerService,
    private readonly contacts: ContactService,
    private readonly cadence: CadenceRules = DEFAULT_RULES,
  ) {
    this.rows = new ScopedRows(ds.getRepository(Visit), 'Visit', 'v');
    this.writes = new WritesUnder('Visit', this.rows, customers);
  }

  /** Every read of visits starts here: only visits of customers the caller may see. */
  scoped(viewer: Viewer, alias?: string): SelectQueryBuilder<Visit> {
    return this.rows.scoped(viewer, alias);
  }

  /** The rows a list, and its totals (visitStats), compute over: the caller's scope, the filter and where. */
  filtered(viewer: Viewer, filter?: VisitFilter, where?: Record<string, unknown>): SelectQueryBuilder<Visit> {
    const qb = this.scoped(viewer);
    this.applyFilter(qb, filter);
    applyWhere(qb, 'v', 'Visit', where, viewer);
    return qb;
  }

  list(
    viewer: Viewer,
    page: PageArgs,
    filter?: VisitFilter,
    order?: VisitOrder,
    where?: Record<string, unknown>,
  ): Promise<Page<Visit>> {
    return paginate(this.filtered(viewer, filter, where), 'v', sortOf(order), page);
  }

  private applyFilter(qb: SelectQueryBuilder<Visit>, f?: VisitFilter): void {
    if (!f) return;
    if (f.customerId)
      qb.andWhere('v.customerId = :customerId', {
        customerId: expectId(f.customerId, 'Customer', 'filter.customerId'),
      });
    if (f.contactId)
      qb.andWhere('v.contactId = :contactId', { contactId: expectId(f.contactId, 'Contact', 'filter.contactId') });
    if (f.userId) qb.andWhere('v.userId = :userId', { userId: expectId(f.userId, 'User', 'filter.userId') });
    if (f.kind?.length) qb.andWhere('v.kind IN (:...kind)', { kind: f.kind });
    if (f.occurred != null) qb.andWhere(f.occurred ? 'v.occurredAt IS NOT NULL' : 'v.occurredAt IS NULL');
    if (f.occurredFrom) qb.andWhere('v.occurredAt >= :occurredFrom', { occurredFrom: f.occurredFrom });
    if (f.occurredBefore) qb.andWhere('v.occurredAt < :occurredBefore', { occurredBefore: f.occurredBefore });
    if (f.plannedFrom) qb.andWhere('v.plannedAt >= :plannedFrom', { plannedFrom: f.plannedFrom });
    if (f.plannedBefore) qb.andWhere('v.plannedAt < :plannedBefore', { plannedBefore: f.plannedBefore });
    if (f.followUpBefore) qb.andWhere('v.nextFollowUpAt < :followUpBefore', { followUpBefore: f.followUpBefore });
  }

  /** Customer.visits: one statement for the whole page of customers. */
  ofCustomer(
    caller: Caller,
    customerId: number,
    page: PageArgs,
    order?: VisitOrder,
    fields?: readonly string[],
  ): Promise<Page<Visit>> {
    return this.rows.pageOf(caller, 'customerId', customerId, page, sortOf(order), fields);
  }

  /** Batch lookup in key order; visits of hidden customers come back null. */
  byIds(viewer: Viewer, ids: readonly number[]): Promise<(Visit | null)[]> {
    return this.rows.byIds(viewer, ids);
  }

  get(viewer: Viewer, globalId: string): Promise<Visit | null> {
    return this.rows.get(viewer, globalId);
  }

  async create(viewer: Viewer, input: CreateVisitInput): Promise<Visit> {
    const { right, customer } = await this.writes.create(viewer, input);
    const customerId = customer.id;
    const { customerId: _gid, contactId, userId, ...fields } = input;
    // A touch logged with no time at all happened now; an unplanned one is "planned" when it happened.
    const timeless = fields.plannedAt === undefined && fields.occurredAt == null;
    const occurredAt = timeless ? new Date() : (fields.occurredAt ?? null);
    const values = {
      ...definedOnly(fields),
      customerId,
      contactId: (await this.contacts.expectOfCustomer(viewer, customerId, contactId)) ?? null,
      userId: await this.visitor(right, customer, userId),
      occurredAt,
      plannedAt: fields.plannedAt ?? occurredAt ?? new Date(),
    };
    await assertMayMarket(this.ds, values.kind, values.contactId);
    return writeTransaction(this.ds, async (em) => {
      const inserted = await em.getRepository(Visit).insert(values);
      const rowId = inserted.identifiers[0].id as number;
      return this.recorded(em, viewer, { type: 'Visit', id: rowId, customerId, operation: Op.CREATED });
    });
  }

  async update(viewer: Viewer, input: UpdateVisitInput): Promise<Visit> {
    const { right, current, customer } = await this.writes.update(viewer, input);
    const id = current.id;
    const { id: _gid, version, note, contactId, userId, ...fields } = input;
    const given = definedOnly(fields) as Partial<Visit>;
    if (contactId !== undefined)
      given.contactId = await this.contacts.expectOfCustomer(viewer, current.customerId, contactId);
    if (userId !== undefined) given.userId = await this.visitor(right, customer, userId);
    const changes = realChanges(current, given, version, 'Visit', input.id);
    if (!changes) return current;
    // Marketing happens when a greeting is made to a person: changing what it is, whom, or that it happened.
    if ('kind' in changes || 'contactId' in changes || changes.occurredAt) {
      await assertMayMarket(
        this.ds,
        changes.kind ?? current.kind,
        changes.contactId !== undefined ? changes.contactId : current.contactId,
      );
    }
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Visit, 'Visit', input.id, id, version, changes);
      return this.recorded(em, viewer, {
        type: 'Visit',
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
   * The visit's event, and its customer's when the visit moved the contact cadence (a call or
   * visit that happened sets lastCallAt or lastVisitAt and the next due time), in one transaction.
   */
  private async recorded(em: EntityManager, viewer: Viewer, change: Change): Promise<Visit> {
    const [cadence] = await refreshCareDues(em, [change.customerId], this.cadence);
    const customer: Change[] = cadence
      ? [
          {
            type: 'Customer',
            id: cadence.id,
            customerId: cadence.id,
            operation: Op.UPDATED,
            changedFields: cadence.fields,
            before: cadence.before,
          },
        ]
      : [];
    const [visit] = await recordChanges(em, viewer, [change, ...customer]);
    return visit as Visit;
  }

  /** The employee who makes the touch: the one named, else the caller; either must be active. */
  private async visitor(right: WriteRight, customer: Owned, globalId: string | undefined): Promise<number> {
    if (globalId !== undefined) return namedEmployee(this.ds, right, [customer], 'userId', globalId);
    const id = right.viewer.userId;
    if (id === null) throw badInput('userId', 'required when the caller is not an employee');
    await expectActiveEmployee(this.ds, id, 'userId');
    return id;
  }
}
