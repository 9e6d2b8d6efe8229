import { likeContaining } from '../common/validators';
import { type DataSource, type EntityManager, Not, type SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertMayQueryPersonal } from '../auth/guard';
import type { Caller } from '../auth/caller';
import { type Page, type PageArgs } from '../common/connection';
import { badInput } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { applyWhere } from '../auth/where/where-sql';
import { definedOnly, realChanges, updateVersioned } from '../db/versioned-update';
import { ScopedRows } from '../auth/scoped-rows';
import { WritesUnder } from '../customers/writes-under';
import type { CustomerService } from '../customers/customer.service';
import { Contact } from './contact.entity';
import { consentAndKeys } from '../care/consent';
import {
  type ContactFilter,
  type ContactOrder,
  ContactSortField,
  type CreateContactInput,
  type UpdateContactInput,
} from './contact.inputs';
import { writeTransaction } from '../db/transaction';
import { recordChange } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { touched } from '../db/timestamps';

const SORT_KEYS = {
  [ContactSortField.NAME]: { property: 'name', kind: 'string' },
  [ContactSortField.CREATED_AT]: { property: 'createdAt', kind: 'date' },
  [ContactSortField.UPDATED_AT]: { property: 'updatedAt', kind: 'date' },
} as const;

/** Default order by entry time: a name-ordered default would put personal data in every cursor. */
function sortOf(viewer: Viewer, order?: ContactOrder): SortSpec {
  if (!order) return { key: SORT_KEYS.CREATED_AT, direction: 'ASC' };
  if (order.field === ContactSortField.NAME) assertMayQueryPersonal(viewer, 'orderBy NAME');
  return { key: SORT_KEYS[order.field], direction: order.direction };
}

export class ContactService {
  private readonly rows: ScopedRows<Contact>;
  private readonly writes: WritesUnder<Contact>;
  constructor(
    private readonly ds: DataSource,
    customers: CustomerService,
  ) {
    this.rows = new ScopedRows(ds.getRepository(Contact), 'Contact', 'k');
    this.writes = new WritesUnder('Contact', this.rows, customers);
  }

  /** Every read of contacts starts here: only contacts of customers the caller may see. */
  scoped(viewer: Viewer, alias?: string): SelectQueryBuilder<Contact> {
    return this.rows.scoped(viewer, alias);
  }

  list(
    viewer: Viewer,
    page: PageArgs,
    filter?: ContactFilter,
    order?: ContactOrder,
    where?: Record<string, unknown>,
  ): Promise<Page<Contact>> {
    const qb = this.scoped(viewer);
    this.applyFilter(viewer, qb, filter);
    applyWhere(qb, 'k', 'Contact', where, viewer);
    return paginate(qb, 'k', sortOf(viewer, order), page);
  }

  private applyFilter(viewer: Viewer, qb: SelectQueryBuilder<Contact>, f?: ContactFilter): void {
    if (!f) return;
    if (f.search) assertMayQueryPersonal(viewer, 'filter.search');
    if (f.customerId)
      qb.andWhere('k.customerId = :customerId', {
        customerId: expectId(f.customerId, 'Customer', 'filter.customerId'),
      });
    if (f.search) qb.andWhere("k.name LIKE :q ESCAPE '!'", { q: likeContaining(f.search) });
    if (f.role?.length) qb.andWhere('k.role IN (:...role)', { role: f.role });
    if (f.isPrimary != null) qb.andWhere('k.isPrimary = :isPrimary', { isPrimary: f.isPrimary });
  }

  /** Customer.contacts: one statement for the whole page of customers. */
  ofCustomer(
    caller: Caller,
    customerId: number,
    page: PageArgs,
    order?: ContactOrder,
    fields?: readonly string[],
  ): Promise<Page<Contact>> {
    return this.rows.pageOf(caller, 'customerId', customerId, page, sortOf(caller.viewer, order), fields);
  }

  /** Batch lookup in key order; contacts of hidden customers come back null. */
  byIds(viewer: Viewer, ids: readonly number[]): Promise<(Contact | null)[]> {
    return this.rows.byIds(viewer, ids);
  }

  /** Per-request batched lookup behind Complaint.contact and Visit.contact. */
  load(caller: Caller, id: number): Promise<Contact | null> {
    return this.rows.load(caller, id);
  }

  get(viewer: Viewer, globalId: string): Promise<Contact | null> {
    return this.rows.get(viewer, globalId);
  }

  /**
   * A contact named in a complaint or visit must be one of that record's customer's contacts.
   * undefined (not given) and null (cleared) pass through; anything else is its row id.
   */
  async expectOfCustomer(viewer: Viewer, customerId: number, globalId: string | null | undefined, field = 'contactId') {
    if (globalId == null) return globalId;
    const [contact] = await this.byIds(viewer, [expectId(globalId, 'Contact', field)]);
    if (!contact || contact.customerId !== customerId) throw badInput(field, 'not a contact of this customer');
    return contact.id;
  }

  async create(viewer: Viewer, input: CreateContactInput): Promise<Contact> {
    const {
      customer: { id: customerId },
    } = await this.writes.create(viewer, input);
    const { customerId: _gid, ...fields } = input;
    const given = definedOnly(fields) as Partial<Contact>;
    const keys = consentAndKeys(null, given);
    return writeTransaction(this.ds, async (em) => {
      if (input.isPrimary) await this.clearPrimary(em, customerId);
      const inserted = await em.getRepository(Contact).insert({ ...given, ...keys, customerId });
      const rowId = inserted.identifiers[0].id as number;
      return recordChange<Contact>(em, viewer, { type: 'Contact', id: rowId, customerId, operation: Op.CREATED });
    });
  }

  async update(viewer: Viewer, input: UpdateContactInput): Promise<Contact> {
    const { current } = await this.writes.update(viewer, input);
    const id = current.id;
    const { id: _gid, version, note, ...fields } = input;
    const given = definedOnly(fields) as Partial<Contact>;
    const changes = realChanges(current, { ...given, ...consentAndKeys(current, given) }, version, 'Contact', input.id);
    if (!changes) return current;
    return writeTransaction(this.ds, async (em) => {
      if (changes.isPrimary) await this.clearPrimary(em, current.customerId, current.id);
      await updateVersioned(em, Contact, 'Contact', input.id, id, version, changes);
      return recordChange<Contact>(em, viewer, {
        type: 'Contact',
        id,
        customerId: current.customerId,
        operation: Op.UPDATED,
        changedFields: Object.keys(changes),
        before: current,
        note,
      });
    });
  }

  private clearPrimary(em: EntityManager, customerId: number, keepId?: number): Promise<void> {
    return clearPrimaryContact(em, customerId, keepId);
  }
}

/**
 * At most one primary contact per customer: the new primary takes the flag from the
 * others (their version moves too). Cleared before the write so concurrent writers lock
 * the customer's contacts in the same order and the later one wins instead of deadlocking.
 */
export async function clearPrimaryContact(em: EntityManager, customerId: number, keepId?: number): Promise<void> {
  await em
    .getRepository(Contact)
    .update({ customerId, isPrimary: true, ...(keepId ? { id: Not(keepId) } : {}) }, touched(em, { isPrimary: false }));
}
