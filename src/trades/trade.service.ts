import { type DataSource, type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertMayWrite, readsCredit, touches } from '../auth/guard';
import type { ReadRecorder } from '../auth/read-recorder';
import { ReadKind } from '../auth/read-kind';
import type { Caller } from '../auth/caller';
import { type Page, type PageArgs } from '../common/connection';
import { conflict, creditLimitExceeded, creditOverrideUnusable, notFound, tradeCancelled } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { applyWhere } from '../auth/where/where-sql';
import { definedOnly, realChanges, updateVersioned } from '../db/versioned-update';
import { Customer } from '../customers/customer.entity';
import { assertApproved } from '../customers/archive-status';
import { ScopedRows } from '../auth/scoped-rows';
import { WritesUnder } from '../customers/writes-under';
import type { CustomerService } from '../customers/customer.service';
import { uniqueViolation } from '../db/errors';
import { namedEmployee } from '../users/named-employee';
import {
  assertWithinLimit,
  countsInBalance,
  creditState,
  lockCustomers,
  movesBalance,
  OverCreditLimit,
  refreshTradeStats,
} from './trade-stats';
import { assertPastCashOnly, type CreditFacts, type CreditRules, isCreditOrder, raisesCredit } from './trade-credit';
import type { Clock } from '../config/rules';
import { cents } from '../common/money';
import { CreditOverride } from '../credit/credit-override.entity';
import { useOverride } from '../credit/override-use';
import { nextTradeNumber } from './trade-number';
import { Trade } from './trade.entity';
import {
  type CancelTradeArgs,
  type CreateTradeInput,
  type TradeFilter,
  type TradeOrder,
  TradeSortField,
  type UpdateTradeInput,
} from './trade.inputs';
import { writeTransaction } from '../db/transaction';
import { type Change, recordChanges } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { trimmedReason } from '../common/validators';

const SORT_KEYS = {
  [TradeSortField.OCCURRED_AT]: { property: 'occurredAt', kind: 'date' },
  [TradeSortField.AMOUNT]: { property: 'amount', kind: 'string' },
  [TradeSortField.CREATED_AT]: { property: 'createdAt', kind: 'date' },
} as const;

/** Newest first: what a sales desk looks at. */
const DEFAULT_SORT: SortSpec = { key: SORT_KEYS.OCCURRED_AT, direction: 'DESC' };
const sortOf = (order?: TradeOrder): SortSpec =>
  order ? { key: SORT_KEYS[order.field], direction: order.direction } : DEFAULT_SORT;

/** Who writes a trade: the viewer, and the request's read audit (a credit refusal is a credit read). */
export interface TradeWriter {
  viewer: Viewer;
  reads: ReadRecorder;
}

/** What createTrade's checks allowed, for its transaction to write. */
export interface TradePlan {
  input: CreateTradeInput;
  customer: Customer;
  handlerId: number | null;
  fields: Omit<CreateTradeInput, 'customerId' | 'handlerId' | 'overrideId'>;
  facts: CreditFacts;
  override: { id: number; globalId: string } | null;
  checked: boolean;
  now: Date;
}

export class TradeService {
  private readonly rows: ScopedRows<Trade>;
  private readonly writes: WritesUnder<Trade>;
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly rules: CreditRules,
    private readonly clock: Clock,
  ) {
    this.rows = new ScopedRows(ds.getRepository(Trade), 'Trade', 't');
    this.writes = new WritesUnder('Trade', this.rows, customers);
  }

  /** Every read of trades starts here: a trade is visible exactly when its customer is. */
  scoped(viewer: Viewer, alias?: string): SelectQueryBuilder<Trade> {
    return this.rows.scoped(viewer, alias);
  }

  /** The rows a list, and its totals (tradeStats), compute over: the caller's scope, the filter and where. */
  filtered(viewer: Viewer, filter?: TradeFilter, where?: Record<string, unknown>): SelectQueryBuilder<Trade> {
    const qb = this.scoped(viewer);
    this.applyFilter(qb, filter);
    applyWhere(qb, 't', 'Trade', where, viewer);
    return qb;
  }

  list(
    viewer: Viewer,
    page: PageArgs,
    filter?: TradeFilter,
    order?: TradeOrder,
    where?: Record<string, unknown>,
  ): Promise<Page<Trade>> {
    return paginate(this.filtered(viewer, filter, where), 't', sortOf(order), page);
  }

  private applyFilter(qb: SelectQueryBuilder<Trade>, f?: TradeFilter): void {
    if (!f) return;
    if (f.customerId)
      qb.andWhere('t.customerId = :customerId', {
        customerId: expectId(f.customerId, 'Customer', 'filter.customerId'),
      });
    if (f.kind?.length) qb.andWhere('t.kind IN (:...kind)', { kind: f.kind });
    if (f.paymentStatus?.length)
      qb.andWhere('t.paymentStatus IN (:...paymentStatus)', { paymentStatus: f.paymentStatus });
    if (f.defaulted != null) qb.andWhere('t.defaulted = :defaulted', { defaulted: f.defaulted });
    if (f.occurredFrom) qb.andWhere('t.occurredAt >= :occurredFrom', { occurredFrom: f.occurredFrom });
    if (f.occurredTo) qb.andWhere('t.occurredAt < :occurredTo', { occurredTo: f.occurredTo });
    if (f.occurredBefore) qb.andWhere('t.occurredAt < :occurredBefore', { occurredBefore: f.occurredBefore });
  }

  /** Batch lookup in key order; trades of hidden customers come back null. */
  byIds(viewer: Viewer, ids: readonly number[]): Promise<(Trade | null)[]> {
    return this.rows.byIds(viewer, ids);
  }

  get(viewer: Viewer, globalId: string): Promise<Trade | null> {
    return this.rows.get(viewer, globalId);
  }

  /** Customer.trades: one statement for the whole page of customers. */
  ofCustomer(
    caller: Caller,
    customerId: number,
    page: PageArgs,
    order?: TradeOrder,
    fields?: readonly string[],
  ): Promise<Page<Trade>> {
    return this.rows.pageOf(caller, 'customerId', customerId, page, sortOf(order), fields);
  }

  /** Per-request batched lookup (a credit override's order, say); null outside the caller's scope. */
  load(caller: Caller, id: number): Promise<Trade | null> {
    return this.rows.load(caller, id);
  }

  async create(writer: TradeWriter, input: CreateTradeInput): Promise<Trade> {
    const plan = await this.planCreate(writer.viewer, input);
    return this.answeringCreditRefusal(writer, () =>
      writeTransaction(this.ds, (em) => this.createIn(em, writer.viewer, plan)),
    );
  }

  /** createTrade's checks before its transaction; createIn writes what they allowed (an import does so in its own transaction). */
  async planCreate(viewer: Viewer, input: CreateTradeInput): Promise<TradePlan> {
    const { right, customer } = await this.writes.create(viewer, input, [input.kind]);
    assertApproved(customer);
    // The handler defaults to the caller; naming one is checked like any employee field.
    const handlerId =
      input.handlerId === undefined
        ? viewer.userId
        : await namedEmployee(this.ds, right, [customer], 'handlerId', input.handlerId);
    const { customerId: _gid, handlerId: _hid, overrideId: overrideGid, ...fields } = input;
    // Credit (DOMAIN rule 5): an order naming an approved override skips the checks and uses it up; any other
    // credit order is held to the new-customer rule here and to the limit under the customer's lock below.
    const facts = creditFacts({ ...input, customerId: customer.id });
    const override = overrideGid == null ? null : namedOverride(facts, overrideGid);
    const checked = override === null && raisesCredit(null, facts, this.rules);
    const now = this.clock();
    if (checked) assertPastCashOnly(customer, now, this.rules);
    return { input, customer, handlerId, fields, facts, override, checked, now };
  }

  /** createTrade's transaction: call inside the writing transaction; `note` goes to the history. */
  async createIn(em: EntityManager, viewer: Viewer, plan: TradePlan, note?: string): Promise<Trade> {
    const { input, customer, handlerId, fields, facts, override, checked, now } = plan;
    await lockCustomers(em, [customer.id]);
    const stats = await statsAsRead(em, [customer.id]);
    const before = checked ? (await creditState(em, customer.id)).balance : null;
    const tradeNo = input.tradeNo ?? (await nextTradeNumber(em, customer.id));
    const values = {
      ...definedOnly(fields),
      customerId: customer.id,
      handlerId,
      tradeNo,
      creditOverrideId: override?.id ?? null,
    };
    const inserted = await this.guardUnique(() => em.getRepository(Trade).insert(values as never));
    const rowId = inserted.identifiers[0].id as number;
    await refreshTradeStats(em, [customer.id]);
    if (before !== null) await assertWithinLimit(em, customer.id, before);
    const used =
      override &&
      (await useOverride(em, {
        overrideId: override.id,
        globalId: override.globalId,
        customerId: customer.id,
        amount: facts.amount,
        tradeId: rowId,
        now,
      }));
    const [trade] = await recordChanges(em, viewer, [
      { type: 'Trade', id: rowId, customerId: customer.id, operation: Op.CREATED, note },
      ...statsChanged(stats, true, countsInBalance(facts)),
      ...(used ? [used] : []),
    ]);
    return trade as Trade;
  }

  async update(writer: TradeWriter, input: UpdateTradeInput): Promise<Trade> {
    const { viewer } = writer;
    const [current] = await this.byIds(viewer, [expectId(input.id, 'Trade')]);
    if (!current) throw notFound('Trade', input.id);
    // Changing a trade is work of its kind, and of the new kind when the kind changes.
    const kinds = [...new Set([current.kind, input.kind ?? current.kind])];
    const right = assertMayWrite(viewer, 'Trade', 'update', touches('Trade', input, kinds));
    // Someone else's customer: answer about the trade that was asked for, not its customer.
    const owner = await this.writes.customerOf(right, current, input.id);
    if (current.cancelledAt) throw tradeCancelled();
    const { id: _gid, version, note, customerId, handlerId, ...fields } = input;
    const given = definedOnly(fields) as Partial<Trade>;
    const under: Customer[] = [owner];
    if (customerId !== undefined) {
      const target = await this.customers.writable(right, customerId);
      // Moving a trade books it for the new customer: rule 1 applies as to a new trade.
      if (target.id !== current.customerId) assertApproved(target);
      given.customerId = target.id;
      under.push(target);
    }
    if (handlerId !== undefined) given.handlerId = await namedEmployee(this.ds, right, under, 'handlerId', handlerId);
    const changes = realChanges(current, given, version, 'Trade', input.id);
    if (!changes) return current;
    const next: Trade = { ...current, ...changes } as Trade;
    const customerIds = [current.customerId, next.customerId];
    // A change of notes, say, leaves the customer's statistics alone: no rewrite, no event.
    const movesStats = STATS_FACTS.some((fact) => fact in changes);
    const checked =
      raisesCredit(creditFacts(current), creditFacts(next), this.rules) &&
      !(await this.coveredByOverride(current, next));
    if (checked) assertPastCashOnly(under[under.length - 1], this.clock(), this.rules);
    return this.answeringCreditRefusal(writer, () =>
      writeTransaction(this.ds, async (em) => {
        await lockCustomers(em, customerIds);
        const stats = await statsAsRead(em, customerIds);
        const before = checked ? (await creditState(em, next.customerId)).balance : null;
        // The version check also proves `current` (customer, amount, kind) is what the row still holds.
        await this.guardUnique(() => updateVersioned(em, Trade, 'Trade', input.id, current.id, version, changes));
        if (movesStats || movesBalance(current, next)) await refreshTradeStats(em, customerIds);
        if (before !== null) await assertWithinLimit(em, next.customerId, before);
        const [trade] = await recordChanges(em, viewer, [
          {
            type: 'Trade',
            id: current.id,
            customerId: next.customerId,
            operation: Op.UPDATED,
            changedFields: Object.keys(changes),
            before: current,
            note,
          },
          ...statsChanged(
            stats,
            movesStats,
            movesBalance(current, next) && (countsInBalance(current) || countsInBalance(next)),
          ),
        ]);
        return trade as Trade;
      }),
    );
  }

  /**
   * Cancelling keeps the trade (with who, when and why) but takes it out of the balance and
   * the statistics, which are recomputed from the live trades: the balance is exactly what
   * it would be had the trade never been recorded. Allowed to whoever may change the trade.
   * A credit override the order used stays used.
   */
  async cancel(writer: TradeWriter, args: CancelTradeArgs): Promise<Trade> {
    const { viewer } = writer;
    const [current] = await this.byIds(viewer, [expectId(args.id, 'Trade')]);
    if (!current) throw notFound('Trade', args.id);
    const right = assertMayWrite(viewer, 'Trade', 'update', touches('Trade', {}, [current.kind]));
    await this.writes.customerOf(right, current, args.id);
    if (current.cancelledAt) throw tradeCancelled();
    const reason = trimmedReason(args.reason);
    const changes: Partial<Trade> = {
      cancelledAt: this.clock(),
      cancelledById: viewer.userId,
      cancellationReason: reason,
    };
    return writeTransaction(this.ds, async (em) => {
      await lockCustomers(em, [current.customerId]);
      const stats = await statsAsRead(em, [current.customerId]);
      await updateVersioned(em, Trade, 'Trade', args.id, current.id, args.version, changes);
      await refreshTradeStats(em, [current.customerId]);
      const [trade] = await recordChanges(em, viewer, [
        {
          type: 'Trade',
          id: current.id,
          customerId: current.customerId,
          operation: Op.UPDATED,
          changedFields: Object.keys(changes),
          before: current,
          note: reason,
        },
        ...statsChanged(stats, true, countsInBalance(current)),
      ]);
      return trade as Trade;
    });
  }

  /** An order that used an override stays covered by it while it is a credit order of that customer within the approved amount. */
  private async coveredByOverride(current: Trade, next: Trade): Promise<boolean> {
    if (current.creditOverrideId === null || next.customerId !== current.customerId || !isCreditOrder(next))
      return false;
    const override = await this.ds.getRepository(CreditOverride).findOneBy({ id: current.creditOverrideId });
    return !!override && cents(next.amount) <= cents(override.amount);
  }

  /**
   * A refused credit order answers whether the balance plus the amount fits the limit, so
   * bisecting the amount recovers limit − balance: each refusal is recorded in the read
   * audit as a credit read (查阅登记), and only callers who read credit fields are told
   * the excess. The audit row is written with the answer, though the write rolled back.
   */
  async answeringCreditRefusal<T>(writer: TradeWriter, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (!(err instanceof OverCreditLimit)) throw err;
      writer.reads.note(err.customer.id, err.customer.archiveNo, ReadKind.CREDIT_FIELDS, 'creditLimit');
      writer.reads.note(err.customer.id, err.customer.archiveNo, ReadKind.CREDIT_FIELDS, 'outstandingBalance');
      throw creditLimitExceeded(readsCredit(writer.viewer) ? err.overBy : undefined);
    }
  }

  private async guardUnique<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (err) {
      // Unique per customer: the clash is with a trade of a customer the caller sees.
      if (uniqueViolation(err, { trade_no: 'tradeNo' }))
        throw conflict('Another trade of this customer already has this tradeNo.');
      throw err;
    }
  }
}

/**
 * A trade write also rewrites its customers' statistics (and maybe balance): subscribers to
 * the customer get an UPDATED event naming those fields, in the same transaction.
 */
function statsChanged(before: readonly Customer[], stats: boolean, balance: boolean): Change[] {
  const fields = [...(stats ? STATS_FIELDS : []), ...(balance ? ['outstandingBalance'] : [])];
  if (fields.length === 0) return [];
  return before.map((row) => ({
    type: 'Customer',
    id: row.id,
    customerId: row.id,
    operation: Op.UPDATED,
    changedFields: fields,
    before: row,
  }));
}
const STATS_FIELDS = ['tradeCount', 'tradeTotal', 'firstTradeAt', 'lastTradeAt', 'lastOrderAt', 'nextPurchaseDueAt'];
/** The trade properties the statistics are computed from. */
const STATS_FACTS: (keyof Trade)[] = ['customerId', 'kind', 'amount', 'occurredAt'];

/** The customers' statistics and balance as they stand, read under the write's lock: the history's old values. */
async function statsAsRead(em: EntityManager, customerIds: readonly number[]): Promise<Customer[]> {
  return em.getRepository(Customer).find({
    where: { id: In([...new Set(customerIds)]) },
    order: { id: 'ASC' },
    select: {
      id: true,
      tradeCount: true,
      tradeTotal: true,
      firstTradeAt: true,
      lastTradeAt: true,
      lastOrderAt: true,
      nextPurchaseDueAt: true,
      outstandingBalance: true,
    },
  });
}

/** The facts the credit rules look at, of a trade or an input. */
const creditFacts = (
  t: Pick<Trade, 'customerId' | 'kind' | 'paymentMethod' | 'amount'> & { sample?: boolean | null },
): CreditFacts => ({
  customerId: t.customerId,
  kind: t.kind,
  paymentMethod: t.paymentMethod,
  amount: t.amount,
  sample: t.sample ?? false,
});

/** The override a new trade names: only an ORDER on CREDIT uses one. */
function namedOverride(facts: CreditFacts, globalId: string): { id: number; globalId: string } {
  const id = expectId(globalId, 'CreditOverride', 'overrideId');
  if (!isCreditOrder(facts)) throw creditOverrideUnusable('only an ORDER on CREDIT uses a credit override');
  return { id, globalId };
}
