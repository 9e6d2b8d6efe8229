import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../common/caller';
import { childPage } from '../common/child-pages';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite, assertMayWriteCredit, writesOwnOnly } from '../auth/guard';
import { CREDIT_FIELDS } from '../auth/fields';
import type { RecordType } from '../auth/policy';
import { Page, PageArgs } from '../common/connection';
import { badInput, conflict, notFound } from '../common/errors';
import { expectId, idOrNull } from '../common/global-id';
import { paginate, SortSpec } from '../common/paging';
import { definedOnly, realChanges, updateVersioned } from '../common/versioned-update';
import { likeContaining } from '../common/validators';
import { uniqueViolation } from '../db/errors';
import { User } from '../users/user.entity';
import { Customer } from './customer.entity';
import { ArchiveStatus, Region } from './customer.enums';
import { CreateCustomerInput, CustomerFilter, CustomerOrder, CustomerSortField, UpdateCustomerInput } from './customer.inputs';
import { scopeCustomers, scopeVariant } from './customer.scope';
import { writeTransaction } from '../db/transaction';
import { recordChange } from '../changes/record-change';
import { ChangeOperationName as Op } from '../changes/change-event.entity';
import { rowsByIds } from '../db/reuse-sql';

const SORT_KEYS = {
  [CustomerSortField.ARCHIVE_NO]: { property: 'archiveNo', kind: 'string' },
  [CustomerSortField.NAME]: { property: 'name', kind: 'string' },
  [CustomerSortField.CREATED_AT]: { property: 'createdAt', kind: 'date' },
  [CustomerSortField.UPDATED_AT]: { property: 'updatedAt', kind: 'date' },
  [CustomerSortField.TRADE_TOTAL]: { property: 'tradeTotal', kind: 'string' },
} as const;

const DEFAULT_SORT: SortSpec = { key: SORT_KEYS.CREATED_AT, direction: 'DESC' };

/** Region part of the archive number (coding rule: region code + year + sequence). */
const REGION_CODE: Record<Region, string> = {
  NORTH: 'HB', EAST: 'HD', SOUTH: 'HN', CENTRAL: 'HZ', SOUTHWEST: 'XN', NORTHWEST: 'XB', NORTHEAST: 'DB',
};
export const archiveNumber = (region: Region | null | undefined, year: number, seq: number) =>
  `${region ? REGION_CODE[region] : 'QT'}${year}${String(seq).padStart(7, '0')}`;

const creditFieldsIn = (input: object) => CREDIT_FIELDS.filter((f) => (input as Record<string, unknown>)[f] !== undefined);

const UNIQUE_KEYS = { credit_code: 'creditCode', archive_no: 'archiveNo' };

export class CustomerService {
  private readonly repo: Repository<Customer>;
  constructor(private readonly ds: DataSource) {
    this.repo = ds.getRepository(Customer);
  }

  /** Every read of customers starts here, already narrowed to the caller's rows. */
  scoped(viewer: Viewer, alias = 'c'): SelectQueryBuilder<Customer> {
    const qb = this.repo.createQueryBuilder(alias);
    scopeCustomers(qb, alias, viewer);
    return qb;
  }

  async list(viewer: Viewer, page: PageArgs, filter?: CustomerFilter, order?: CustomerOrder): Promise<Page<Customer>> {
    const qb = this.scoped(viewer);
    this.applyFilter(qb, filter);
    const sort: SortSpec = order
      ? { key: SORT_KEYS[order.field], direction: order.direction }
      : DEFAULT_SORT;
    return paginate(qb, 'c', sort, page);
  }

  private applyFilter(qb: SelectQueryBuilder<Customer>, f?: CustomerFilter): void {
    if (!f) return;
    if (f.search) {
      qb.andWhere("(c.name LIKE :q ESCAPE '!' OR c.shortName LIKE :q ESCAPE '!' OR c.archiveNo LIKE :q ESCAPE '!')", { q: likeContaining(f.search) });
    }
    if (f.abcClass?.length) qb.andWhere('c.abcClass IN (:...abc)', { abc: f.abcClass });
    if (f.region?.length) qb.andWhere('c.region IN (:...region)', { region: f.region });
    if (f.status?.length) qb.andWhere('c.status IN (:...status)', { status: f.status });
    if (f.kind?.length) qb.andWhere('c.kind IN (:...kind)', { kind: f.kind });
    if (f.industry) qb.andWhere('c.industry = :industry', { industry: f.industry });
    if (f.ownerId) qb.andWhere('c.ownerId = :ownerId', { ownerId: expectId(f.ownerId, 'User', 'filter.ownerId') });
  }

  /** Batch lookup in key order; ids outside the caller's scope come back null. */
  async byIds(viewer: Viewer, ids: readonly number[]): Promise<(Customer | null)[]> {
    return rowsByIds(this.scoped(viewer), ids, scopeVariant(viewer));
  }

  /** Per-request batched lookup used by every relation that points at a customer. */
  load(caller: Caller, id: number): Promise<Customer | null> {
    return caller.loaders.get<number, Customer | null>('customerById', (ids) => this.byIds(caller.viewer, ids)).load(id);
  }

  async get(viewer: Viewer, globalId: string): Promise<Customer | null> {
    const id = idOrNull(globalId, 'Customer');
    return id ? (await this.byIds(viewer, [id]))[0] : null;
  }

  /**
   * Whether the caller may write `type` records under this customer: the customer must be
   * visible, and a role limited to its own customers must own it.
   */
  async mayWriteUnder(viewer: Viewer, customerId: number, type: RecordType): Promise<Customer | null> {
    const [customer] = await this.byIds(viewer, [customerId]);
    if (!customer || (writesOwnOnly(viewer, type) && customer.ownerId !== viewer.userId)) return null;
    return customer;
  }

  /** Resolves a customer the caller may write `type` under, or fails exactly as a missing one would. */
  async writable(viewer: Viewer, globalId: string, field = 'customerId', type: RecordType = 'Customer'): Promise<Customer> {
    const customer = await this.mayWriteUnder(viewer, expectId(globalId, 'Customer', field), type);
    if (!customer) throw notFound('Customer', globalId);
    return customer;
  }

  async create(viewer: Viewer, input: CreateCustomerInput): Promise<Customer> {
    assertMayWrite(viewer, 'Customer');
    assertMayWriteCredit(viewer, creditFieldsIn(input));
    const ownerId = await this.resolveOwner(viewer, input.ownerId);
    return writeTransaction(this.ds, async (em) => {
      const values = { ...definedOnly(input), ownerId, status: ArchiveStatus.PENDING_APPROVAL, archiveNo: `TMP${Date.now()}${Math.random()}`.slice(0, 32) };
      const inserted = await this.guardUnique(() => em.getRepository(Customer).insert(values as never));
      const rowId = inserted.identifiers[0].id as number;
      // The archive number embeds the row id, which is never reused: unique by construction.
      await em.getRepository(Customer).update(rowId, { archiveNo: archiveNumber(input.region, new Date().getUTCFullYear(), rowId) });
      return recordChange<Customer>(em, viewer, { type: 'Customer', id: rowId, customerId: rowId, operation: Op.CREATED });
    });
  }

  async update(viewer: Viewer, input: UpdateCustomerInput): Promise<Customer> {
    assertMayWrite(viewer, 'Customer');
    assertMayWriteCredit(viewer, creditFieldsIn(input));
    const current = await this.writable(viewer, input.id, 'id');
    const { id: _gid, version, ownerId, ...fields } = input;
    const given: Partial<Customer> = definedOnly(fields) as Partial<Customer>;
    if (ownerId !== undefined) given.ownerId = await this.resolveOwner(viewer, ownerId);
    const changes = realChanges(current, given, version, 'Customer', input.id);
    if (!changes) return current;
    return writeTransaction(this.ds, async (em) => {
      await this.guardUnique(() => updateVersioned(em, Customer, 'Customer', input.id, current.id, version, changes));
      return recordChange<Customer>(em, viewer, { type: 'Customer', id: current.id, customerId: current.id, operation: Op.UPDATED, changedFields: Object.keys(changes) });
    });
  }

  private async resolveOwner(viewer: Viewer, ownerGlobalId: string | undefined): Promise<number | null> {
    if (ownerGlobalId === undefined) return viewer.userId;
    const id = expectId(ownerGlobalId, 'User', 'ownerId');
    const owner = await this.ds.getRepository(User).findOneBy({ id, active: true });
    if (!owner) throw badInput('ownerId', 'no active employee with this id');
    return id;
  }

  private async guardUnique<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (err) {
      const field = uniqueViolation(err, UNIQUE_KEYS);
      if (field) throw conflict(`Another archive already has this ${field}: one archive per real customer.`);
      throw err;
    }
  }

  /** An employee's customers (User.customers), batched across the page of employees. */
  ownedBy(caller: Caller, ownerId: number, page: PageArgs): Promise<Page<Customer>> {
    return childPage(caller, {
      name: 'customersByOwner', repo: this.repo, parentProperty: 'ownerId', parentId: ownerId,
      sort: DEFAULT_SORT, args: page, scope: (qb, alias) => scopeCustomers(qb, alias, caller.viewer),
    });
  }
}
