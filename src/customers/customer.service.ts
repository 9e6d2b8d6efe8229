import { type DataSource, type SelectQueryBuilder } from 'typeorm';
import type { Caller } from '../auth/caller';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite, touches, type WriteRight } from '../auth/guard';
import { type Page, type PageArgs } from '../common/connection';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { expectId } from '../common/global-id';
import { type OrderColumns, paginate, type SortSpec } from '../common/paging';
import { propertiesFor } from '../common/selection';
import { RULE_COLUMNS } from '../auth/fields';
import { applyWhere } from '../auth/where/where-sql';
import { definedOnly, realChanges, updateVersioned } from '../db/versioned-update';
import { likeContaining } from '../common/validators';
import { uniqueViolation } from '../db/errors';
import { namedEmployee } from '../users/named-employee';
import { Customer, REGION_CLASS_TRADE_TOTAL } from './customer.entity';
import { ArchiveStatus } from './customer.enums';
import { gramLookup, postingWalk } from './name-search';
import { CustomerNameGram } from './name-gram.entity';
import { addNameGrams, changesSearchedTexts, refreshNameGrams, searchedTexts } from './name-grams';
import { dialectOf } from '../db/data-source';
import { assertLimitNotRaised } from './credit-settings';
import {
  type ArchiveNumberRule,
  DEFAULT_ARCHIVE_NO_PATTERN,
  nextSequence,
  parseArchiveNoPattern,
} from './archive-number';
import { duplicateArchive, holdsCreditCodeKey, renamesNeedRecord } from './archive-status';
import {
  type CreateCustomerInput,
  type CustomerFilter,
  type CustomerOrder,
  CustomerSortField,
  type UpdateCustomerInput,
} from './customer.inputs';
import { scopeCustomers, seesClassA } from '../auth/row-scope';
import { ScopedRows } from '../auth/scoped-rows';
import { writeTransaction } from '../db/transaction';
import { recordChange } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { withKeptKeys } from './kept-keys';
import { refreshPurchaseDue } from '../cadence/purchase-due';

const SORT_KEYS = {
  [CustomerSortField.ARCHIVE_NO]: { property: 'archiveNo', kind: 'string' },
  [CustomerSortField.NAME]: { property: 'name', kind: 'string' },
  [CustomerSortField.CREATED_AT]: { property: 'createdAt', kind: 'date' },
  [CustomerSortField.UPDATED_AT]: { property: 'updatedAt', kind: 'date' },
  [CustomerSortField.TRADE_TOTAL]: { property: 'tradeTotal', kind: 'string' },
} as const;

/** Customer fields resolved from the archive's id alone: pages and lists of what belongs to it. */
const FOUND_BY_ID = ['contacts', 'trades', 'complaints', 'visits', 'surveys', 'nameHistory'];

/** What a lookup by id reads besides the asked fields: the rules' columns, and where a merged duplicate went. */
const LOOKUP_COLUMNS = [...RULE_COLUMNS.Customer, 'status', 'mergedIntoId'];

const DEFAULT_SORT: SortSpec = { key: SORT_KEYS.CREATED_AT, direction: 'DESC' };

/**
 * One region and one class, no search: REGION_CLASS_TRADE_TOTAL holds exactly these rows in trade
 * total order, so a page by trade total is the first rows of one range of it. MariaDB is told so
 * (USE INDEX; SQLite finds it alone): otherwise, for a class of low totals, it walked the whole
 * (trade_total, id) index from the top, looking for the region's C-class archives among all the
 * A and B ones (1.2 s a page at a million customers), its estimate assuming classes spread evenly
 * over totals. A search is narrowed by its gram candidates instead.
 */
const oneRegionAndClass = (f?: CustomerFilter) => f?.region?.length === 1 && f.abcClass?.length === 1 && !f.search;

export class CustomerService {
  private readonly rows: ScopedRows<Customer>;
  private readonly numbering: ArchiveNumberRule;
  constructor(
    private readonly ds: DataSource,
    archiveNoPattern = DEFAULT_ARCHIVE_NO_PATTERN,
  ) {
    this.rows = new ScopedRows(ds.getRepository(Customer), 'Customer', 'c', scopeCustomers);
    this.numbering = parseArchiveNoPattern(archiveNoPattern);
  }

  /** Every read of customers starts here, already narrowed to the caller's rows. */
  scoped(viewer: Viewer, alias?: string): SelectQueryBuilder<Customer> {
    return this.rows.scoped(viewer, alias);
  }

  /** The rows a list, and its totals (customerStats), compute over: the caller's scope, the filter and where. */
  filtered(viewer: Viewer, filter?: CustomerFilter, where?: Record<string, unknown>): SelectQueryBuilder<Customer> {
    return this.rowsOf(viewer, filter, where, false).qb;
  }

  /**
   * `inDefaultOrder`: the rows are read in the list's default order (createdAt, then id), which a
   * search serves from its posting lists; `columns` then says where the order is read.
   */
  private rowsOf(
    viewer: Viewer,
    filter: CustomerFilter | undefined,
    where: Record<string, unknown> | undefined,
    inDefaultOrder: boolean,
  ): { qb: SelectQueryBuilder<Customer>; columns?: OrderColumns } {
    const qb = this.scoped(viewer);
    const columns = this.applyFilter(qb, filter, inDefaultOrder);
    applyWhere(qb, 'c', 'Customer', where, viewer);
    return { qb, columns };
  }

  /** `fields`: what the request asks of each archive (selection.ts); only those columns are read. */
  async list(
    viewer: Viewer,
    page: PageArgs,
    filter?: CustomerFilter,
    order?: CustomerOrder,
    where?: Record<string, unknown>,
    fields?: readonly string[],
  ): Promise<Page<Customer>> {
    const { qb, columns } = this.rowsOf(viewer, filter, where, !order || order.field === CustomerSortField.CREATED_AT);
    if (order?.field === CustomerSortField.TRADE_TOTAL && oneRegionAndClass(filter))
      qb.useIndex(REGION_CLASS_TRADE_TOTAL);
    const sort: SortSpec = order ? { key: SORT_KEYS[order.field], direction: order.direction } : DEFAULT_SORT;
    return paginate(
      qb,
      'c',
      sort,
      page,
      propertiesFor(this.ds.getRepository(Customer), fields, RULE_COLUMNS.Customer, FOUND_BY_ID),
      columns,
    );
  }

  /** Where the rows' order is read, when a search's posting lists hold it (see rowsOf). */
  private applyFilter(
    qb: SelectQueryBuilder<Customer>,
    f: CustomerFilter | undefined,
    inDefaultOrder: boolean,
  ): OrderColumns | undefined {
    if (!f) return undefined;
    let columns: OrderColumns | undefined;
    if (f.search) {
      // The gram index narrows the archives to a few candidates, walked in the list's order when it
      // is the default; the LIKE below decides (name-search.ts).
      const walk = inDefaultOrder ? postingWalk('c', f.search) : null;
      if (walk) {
        qb.innerJoin(CustomerNameGram, walk.alias, walk.on, walk.params);
        if (walk.others) qb.andWhere(walk.others.sql, walk.others.params);
        // Equal to the archive's own (createdAt, id): named on the posting, SQLite walks that list in order too.
        columns = { value: `${walk.alias}.createdAt`, id: `${walk.alias}.customerId` };
      } else {
        const candidates = gramLookup('c.id', f.search, dialectOf(this.ds));
        qb.andWhere(candidates.sql, candidates.params);
      }
      // Former names too (更名): people keep calling a customer what it used to be called.
      qb.andWhere(
        "(c.name LIKE :q ESCAPE '!' OR c.shortName LIKE :q ESCAPE '!' OR c.archiveNo LIKE :q ESCAPE '!'" +
          " OR EXISTS (SELECT 1 FROM former_name fn WHERE fn.customer_id = c.id AND fn.name LIKE :q ESCAPE '!'))",
        { q: likeContaining(f.search) },
      );
    }
    if (f.abcClass?.length) qb.andWhere('c.abcClass IN (:...abc)', { abc: f.abcClass });
    if (f.region?.length) qb.andWhere('c.region IN (:...region)', { region: f.region });
    if (f.status?.length) qb.andWhere('c.status IN (:...status)', { status: f.status });
    if (f.kind?.length) qb.andWhere('c.kind IN (:...kind)', { kind: f.kind });
    if (f.industry) qb.andWhere('c.industry = :industry', { industry: f.industry });
    if (f.ownerId) qb.andWhere('c.ownerId = :ownerId', { ownerId: expectId(f.ownerId, 'User', 'filter.ownerId') });
    return columns;
  }

  /** Batch lookup in key order; ids outside the caller's scope come back null. */
  byIds(viewer: Viewer, ids: readonly number[]): Promise<(Customer | null)[]> {
    return this.rows.byIds(viewer, ids);
  }

  /** Per-request batched lookup used by every relation that points at a customer. */
  load(caller: Caller, id: number): Promise<Customer | null> {
    return this.rows.load(caller, id);
  }

  /**
   * A lookup by id; a MERGED duplicate answers with the archive it was merged into (if the
   * caller sees that one). `fields`: what the request asks of the archive (selection.ts);
   * only those columns are read, with what the rules and the merge redirect need.
   */
  async get(viewer: Viewer, globalId: string, fields?: readonly string[]): Promise<Customer | null> {
    const properties = propertiesFor(this.ds.getRepository(Customer), fields, LOOKUP_COLUMNS, FOUND_BY_ID);
    const found = await this.rows.get(viewer, globalId, properties);
    if (found?.status === ArchiveStatus.MERGED && found.mergedIntoId)
      return (await this.rows.byIds(viewer, [found.mergedIntoId], properties))[0];
    return found;
  }

  /**
   * A customer the write may be under: visible to the caller, and allowed by its right (a
   * role limited to its own customers must own it). Null otherwise: callers answer as for a
   * missing one, so someone else's customer looks like no customer.
   */
  async writableUnder(right: WriteRight, customerId: number): Promise<Customer | null> {
    const [customer] = await this.byIds(right.viewer, [customerId]);
    return customer && right.mayWriteUnder(customer) ? customer : null;
  }

  /** Resolves a customer the write may be under, or fails exactly as a missing one would. */
  async writable(right: WriteRight, globalId: string, field = 'customerId'): Promise<Customer> {
    const customer = await this.writableUnder(right, expectId(globalId, 'Customer', field));
    if (!customer) throw notFound('Customer', globalId);
    return customer;
  }

  /**
   * A new archive is a draft (PENDING_APPROVAL) with its number from the coding rule. A credit
   * code already on a visible archive is refused at once; one on a hidden archive is not
   * looked for here (the answer would tell the caller it exists): the manager approving the
   * draft sees the duplicate instead (customer-approval.service.ts).
   */
  async create(viewer: Viewer, input: CreateCustomerInput): Promise<Customer> {
    const right = assertMayWrite(viewer, 'Customer', 'create', touches('Customer', input));
    // The owner defaults to the caller; naming one is checked like any employee field.
    const ownerId =
      input.ownerId === undefined ? viewer.userId : await namedEmployee(this.ds, right, [], 'ownerId', input.ownerId);
    if (input.creditCode) await this.refuseVisibleDuplicate(viewer, input.creditCode);
    return writeTransaction(this.ds, async (em) => {
      const prefix = this.numbering.prefix(input.region, new Date());
      const archiveNo = this.numbering.format(prefix, await nextSequence(em, prefix));
      const values = {
        ...withKeptKeys(definedOnly(input) as Partial<Customer>),
        ownerId,
        createdById: viewer.userId,
        status: ArchiveStatus.PENDING_APPROVAL,
        archiveNo,
      };
      const inserted = await em.getRepository(Customer).insert(values as never);
      const rowId = inserted.identifiers[0].id as number;
      await addNameGrams(em, [{ id: rowId, texts: searchedTexts(values) }]);
      return recordChange<Customer>(em, viewer, {
        type: 'Customer',
        id: rowId,
        customerId: rowId,
        operation: Op.CREATED,
      });
    });
  }

  async update(viewer: Viewer, input: UpdateCustomerInput): Promise<Customer> {
    const right = assertMayWrite(viewer, 'Customer', 'update', touches('Customer', input));
    const current = await this.writable(right, input.id, 'id');
    const { id: _gid, version, note, ownerId, ...fields } = input;
    const given: Partial<Customer> = definedOnly(fields) as Partial<Customer>;
    if (given.name !== undefined && given.name !== current.name && renamesNeedRecord(current.status)) {
      throw badInput(
        'name',
        'an approved archive is renamed with renameCustomer (更名), which keeps the old name and its document',
      );
    }
    withKeptKeys(given);
    assertLimitNotRaised(current.creditLimit, given.creditLimit);
    if (ownerId !== undefined) given.ownerId = await namedEmployee(this.ds, right, [current], 'ownerId', ownerId);
    if (given.creditCode !== undefined && given.creditCode !== current.creditCode)
      await this.changeCreditCode(viewer, current, given);
    const changes = realChanges(current, given, version, 'Customer', input.id);
    if (!changes) return current;
    return writeTransaction(this.ds, async (em) => {
      await this.guardUnique(() => updateVersioned(em, Customer, 'Customer', input.id, current.id, version, changes));
      // Former names are not changed here: the texts before are the archive's own.
      if (changesSearchedTexts(changes))
        await refreshNameGrams(em, [{ id: current.id, before: searchedTexts(current) }]);
      // A new purchase cycle moves the decline alert's due time (cadence/purchase-due.ts).
      const [purchase] = 'purchaseCycleDays' in changes ? await refreshPurchaseDue(em, [current.id]) : [];
      // The keys kept beside name and credit code are the service's own, not changes to report.
      const changedFields = [
        ...Object.keys(changes).filter((k) => k !== 'nameKey' && k !== 'creditCodeKey'),
        ...(purchase?.fields ?? []),
      ];
      return recordChange<Customer>(em, viewer, {
        type: 'Customer',
        id: current.id,
        customerId: current.id,
        operation: Op.UPDATED,
        changedFields,
        before: current,
        note,
      });
    });
  }

  /**
   * A draft's code is checked against visible archives only, as on create. An approved
   * archive's code is its unique key: a clash there would answer CONFLICT about whatever
   * holds the code, hidden or not, so only roles that see every archive may change it.
   */
  private async changeCreditCode(viewer: Viewer, current: Customer, changes: Partial<Customer>): Promise<void> {
    if (changes.creditCode) await this.refuseVisibleDuplicate(viewer, changes.creditCode, current.id);
    if (!holdsCreditCodeKey(current.status)) return;
    if (!seesClassA(viewer))
      throw forbidden("creditCode of an approved archive: a manager changes it (it is the archive's unique key)");
    changes.creditCodeKey = changes.creditCode;
  }

  /** CONFLICT naming a visible archive that already has this credit code; silence about hidden ones. */
  async refuseVisibleDuplicate(viewer: Viewer, creditCode: string, exceptId?: number): Promise<void> {
    const qb = this.scoped(viewer).andWhere('c.creditCode = :creditCode', { creditCode });
    if (exceptId !== undefined) qb.andWhere('c.id <> :exceptId', { exceptId });
    const other = await qb.getOne();
    if (other) throw duplicateArchive(other);
  }

  /** A clash on the approved credit-code key, answered for an archive the caller sees (only such callers reach it). */
  private async guardUnique<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (err) {
      if (uniqueViolation(err, { credit_code_key: 'creditCode' }) !== 'creditCode') throw err;
      throw conflict('Another approved archive already has this creditCode: one archive per real customer.');
    }
  }

  /** An employee's customers (User.customers), batched across the page of employees. */
  ownedBy(caller: Caller, ownerId: number, page: PageArgs): Promise<Page<Customer>> {
    return this.rows.pageOf(caller, 'ownerId', ownerId, page, DEFAULT_SORT);
  }
}
