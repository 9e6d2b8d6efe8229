import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite } from '../auth/guard';
import type { Caller } from '../common/caller';
import { childPage } from '../common/child-pages';
import { Page, PageArgs } from '../common/connection';
import { AppError, badInput, conflict, notFound } from '../common/errors';
import { expectId, idOrNull, toGlobalId } from '../common/global-id';
import { paginate, SortSpec } from '../common/paging';
import { definedOnly, realChanges, updateVersioned } from '../common/versioned-update';
import { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import { scopeByCustomer, scopeVariant } from '../customers/customer.scope';
import type { CustomerService } from '../customers/customer.service';
import { uniqueViolation } from '../db/errors';
import { User } from '../users/user.entity';
import { applyToBalance, BalanceFacts, lockCustomers, movesBalance, refreshTradeStats, revertFromBalance } from './trade-stats';
import { Trade } from './trade.entity';
import { PaymentMethod, TradeKind } from './trade.enums';
import { CreateTradeInput, TradeFilter, TradeOrder, TradeSortField, UpdateTradeInput } from './trade.inputs';
import { writeTransaction } from '../db/transaction';
import { Change, recordChanges } from '../changes/record-change';
import { ChangeOperationName as Op } from '../changes/change-event.entity';
import { rowsByIds } from '../db/reuse-sql';

const SORT_KEYS = {
  [TradeSortField.OCCURRED_AT]: { property: 'occurredAt', kind: 'date' },
  [TradeSortField.AMOUNT]: { property: 'amount', kind: 'string' },
  [TradeSortField.CREATED_AT]: { property: 'createdAt', kind: 'date' },
} as const;

/** Newest first: what a sales desk looks at. */
const DEFAULT_SORT: SortSpec = { key: SORT_KEYS.OCCURRED_AT, direction: 'DESC' };
const sortOf = (order?: TradeOrder): SortSpec => (order ? { key: SORT_KEYS[order.field], direction: order.direction } : DEFAULT_SORT);

/** Coding rule: T + yyyymmdd (UTC) + the row id, which is never reused: unique by construction. */
export const tradeNumber = (day: Date, rowId: number) =>
  `T${day.toISOString().slice(0, 10).replace(/-/g, '')}${String(rowId).padStart(7, '0')}`;
/** Given numbers may not take this shape, or they could collide with a later generated one. */
const GENERATED_NUMBER = /^T\d{15,}$/;

export class TradeService {
  private readonly repo: Repository<Trade>;
  constructor(private readonly ds: DataSource, private readonly customers: CustomerService) {
    this.repo = ds.getRepository(Trade);
  }

  /** Every read of trades starts here: a trade is visible exactly when its customer is. */
  scoped(viewer: Viewer, alias = 't'): SelectQueryBuilder<Trade> {
    const qb = this.repo.createQueryBuilder(alias);
    scopeByCustomer(qb, alias, viewer);
    return qb;
  }

  list(viewer: Viewer, page: PageArgs, filter?: TradeFilter, order?: TradeOrder): Promise<Page<Trade>> {
    const qb = this.scoped(viewer);
    this.applyFilter(qb, filter);
    return paginate(qb, 't', sortOf(order), page);
  }

  private applyFilter(qb: SelectQueryBuilder<Trade>, f?: TradeFilter): void {
    if (!f) return;
    if (f.customerId) qb.andWhere('t.customerId = :customerId', { customerId: expectId(f.customerId, 'Customer', 'filter.customerId') });
    if (f.kind?.length) qb.andWhere('t.kind IN (:...kind)', { kind: f.kind });
    if (f.paymentStatus?.length) qb.andWhere('t.paymentStatus IN (:...paymentStatus)', { paymentStatus: f.paymentStatus });
    if (f.defaulted != null) qb.andWhere('t.defaulted = :defaulted', { defaulted: f.defaulted });
    if (f.occurredFrom) qb.andWhere('t.occurredAt >= :occurredFrom', { occurredFrom: f.occurredFrom });
    if (f.occurredTo) qb.andWhere('t.occurredAt < :occurredTo', { occurredTo: f.occurredTo });
  }

  /** Batch lookup in key order; ids outside the caller's scope come back null. */
  async byIds(viewer: Viewer, ids: readonly number[]): Promise<(Trade | null)[]> {
    return rowsByIds(this.scoped(viewer), ids, scopeVariant(viewer));
  }

  async get(viewer: Viewer, globalId: string): Promise<Trade | null> {
    const id = idOrNull(globalId, 'Trade');
    return id ? (await this.byIds(viewer, [id]))[0] : null;
  }

  /** Customer.trades, batched across the page of customers: one statement per page. */
  forCustomer(caller: Caller, customerId: number, page: PageArgs, order?: TradeOrder): Promise<Page<Trade>> {
    return childPage(caller, {
      name: 'tradesByCustomer', repo: this.repo, parentProperty: 'customerId', parentId: customerId,
      sort: sortOf(order), args: page, scope: (qb, alias) => scopeByCustomer(qb, alias, caller.viewer),
    });
  }

  async create(viewer: Viewer, input: CreateTradeInput): Promise<Trade> {
    assertMayWrite(viewer, 'Trade');
    const customer = await this.customers.writable(viewer, input.customerId, 'customerId', 'Trade');
    assertMayTrade(customer);
    if (input.tradeNo && GENERATED_NUMBER.test(input.tradeNo)) {
      throw badInput('tradeNo', 'numbers of the form T + digits are reserved for generated ones');
    }
    const handlerId = await this.resolveHandler(viewer, input.handlerId);
    return writeTransaction(this.ds, async (em) => {
      await lockCustomers(em, [customer.id]);
      const { customerId: _gid, handlerId: _hid, ...fields } = input;
      const tradeNo = input.tradeNo ?? `TMP${Date.now()}${Math.random()}`.slice(0, 32);
      const values = { ...definedOnly(fields), customerId: customer.id, handlerId, tradeNo };
      const inserted = await this.guardUnique(() => em.getRepository(Trade).insert(values as never));
      const rowId = inserted.identifiers[0].id as number;
      if (!input.tradeNo) await em.getRepository(Trade).update(rowId, { tradeNo: tradeNumber(new Date(), rowId) });
      await applyToBalance(em, { ...input, customerId: customer.id });
      await refreshTradeStats(em, [customer.id]);
      const [trade] = await recordChanges(em, viewer, [
        { type: 'Trade', id: rowId, customerId: customer.id, operation: Op.CREATED },
        ...statsChanged([customer.id], true, balanceMoves(input)),
      ]);
      return trade as Trade;
    });
  }

  async update(viewer: Viewer, input: UpdateTradeInput): Promise<Trade> {
    assertMayWrite(viewer, 'Trade');
    const current = await this.writable(viewer, input.id);
    const { id: _gid, version, customerId, handlerId, ...fields } = input;
    const given = definedOnly(fields) as Partial<Trade>;
    if (customerId !== undefined) {
      const target = await this.customers.writable(viewer, customerId, 'customerId', 'Trade');
      // Moving a trade books it for the new customer: rule 1 applies as to a new trade.
      if (target.id !== current.customerId) assertMayTrade(target);
      given.customerId = target.id;
    }
    if (handlerId !== undefined) given.handlerId = await this.resolveHandler(viewer, handlerId);
    const changes = realChanges(current, given, version, 'Trade', input.id);
    if (!changes) return current;
    const next: Trade = { ...current, ...changes } as Trade;
    const customerIds = [current.customerId, next.customerId];
    // A change of notes, say, leaves the customer's statistics alone: no rewrite, no event.
    const movesStats = STATS_FACTS.some((fact) => fact in changes);
    return writeTransaction(this.ds, async (em) => {
      await lockCustomers(em, customerIds);
      // The version check also proves `current` (customer, amount, kind) is what the row still holds.
      await updateVersioned(em, Trade, 'Trade', input.id, current.id, version, changes);
      await this.rebook(em, current, next);
      if (movesStats) await refreshTradeStats(em, customerIds);
      const [trade] = await recordChanges(em, viewer, [
        { type: 'Trade', id: current.id, customerId: next.customerId, operation: Op.UPDATED, changedFields: Object.keys(changes) },
        ...statsChanged(customerIds, movesStats, movesBalance(current, next) && (balanceMoves(current) || balanceMoves(next))),
      ]);
      return trade as Trade;
    });
  }

  /** Moves the balance effect of a changed trade: the old one out, the new one in (and checked). */
  private async rebook(em: EntityManager, before: Trade, after: Trade): Promise<void> {
    if (!movesBalance(before, after)) return;
    await revertFromBalance(em, before);
    await applyToBalance(em, after);
  }

  /** A trade the caller may change: visible, and of a customer the caller may write to. */
  private async writable(viewer: Viewer, globalId: string): Promise<Trade> {
    const [trade] = await this.byIds(viewer, [expectId(globalId, 'Trade')]);
    if (!trade) throw notFound('Trade', globalId);
    try {
      await this.customers.writable(viewer, toGlobalId('Customer', trade.customerId), 'id', 'Trade');
    } catch (err) {
      // Someone else's customer: answer about the trade that was asked for, not its customer.
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw notFound('Trade', globalId);
      throw err;
    }
    return trade;
  }

  private async resolveHandler(viewer: Viewer, handlerGlobalId: string | undefined): Promise<number | null> {
    if (handlerGlobalId === undefined) return viewer.userId;
    const id = expectId(handlerGlobalId, 'User', 'handlerId');
    const handler = await this.ds.getRepository(User).findOneBy({ id, active: true });
    if (!handler) throw badInput('handlerId', 'no active employee with this id');
    return id;
  }

  private async guardUnique<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (err) {
      if (uniqueViolation(err, { trade_no: 'tradeNo' })) throw conflict('Another trade already has this tradeNo.');
      throw err;
    }
  }
}

/**
 * A trade write also rewrites its customers' statistics (and maybe balance): subscribers to
 * the customer get an UPDATED event naming those fields, in the same transaction.
 */
function statsChanged(customerIds: number[], stats: boolean, balance: boolean): Change[] {
  const fields = [...(stats ? STATS_FIELDS : []), ...(balance ? ['outstandingBalance'] : [])];
  if (fields.length === 0) return [];
  return [...new Set(customerIds)].map((id) => ({ type: 'Customer', id, customerId: id, operation: Op.UPDATED, changedFields: fields }));
}
const STATS_FIELDS = ['tradeCount', 'tradeTotal', 'firstTradeAt', 'lastTradeAt'];
/** The trade properties the statistics are computed from. */
const STATS_FACTS: (keyof Trade)[] = ['customerId', 'kind', 'amount', 'occurredAt'];
const balanceMoves = (t: Pick<BalanceFacts, 'kind' | 'paymentMethod'>) => t.kind === TradeKind.PAYMENT || (t.kind === TradeKind.ORDER && t.paymentMethod === PaymentMethod.CREDIT);

/** Rule 1 (archive first): no signing, ordering, paying or delivery without an approved archive. */
function assertMayTrade(customer: Customer): void {
  if (customer.status !== ArchiveStatus.ACTIVE) {
    throw badInput('customerId', `the customer's archive must be approved first (it is ${customer.status}, trades need ACTIVE)`);
  }
}
