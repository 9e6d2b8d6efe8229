import { type EntityManager, In } from 'typeorm';
import { AppError } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { definedOnly, realChanges } from '../db/versioned-update';
import type { Customer } from '../customers/customer.entity';
import { Trade } from '../trades/trade.entity';
import { CreateTradeInput } from '../trades/trade.inputs';
import type { TradeService } from '../trades/trade.service';
import { EmployeeNames } from './employees';
import { distinct, type ImportContext, type Outcome, type ReadRow, type RowImporter } from './import-rows';
import { OwningCustomers, withoutCustomerKeys } from './owning-customers';
import type { FieldProblem } from './row-input';

type Plan =
  | { action: 'create'; row: ReadRow; input: CreateTradeInput }
  | { action: 'unchanged'; row: ReadRow; current: Trade }
  | { action: 'refused'; row: ReadRow; problems: FieldProblem[] };

const refused = (row: ReadRow, ...problems: FieldProblem[]): Plan => ({ action: 'refused', row, problems });
const keyOf = (customerId: number, tradeNo: string) => `${customerId}:${tradeNo}`;

/**
 * 交易记录表 rows, each recorded exactly as createTrade records it (TradeService.planCreate
 * and createIn: the archive must be ACTIVE, credit orders are held to the limit and the
 * new-customer rule, statistics and balance follow), one after another in the import's
 * transaction, since each credit check depends on the trades before it. A refused row is
 * rolled back to a savepoint; a credit refusal is recorded in the read audit as the API
 * records it. A row needs its 交易编号: a trade already recorded under it with the same
 * values is unchanged, with other values refused (imports add trades; updateTrade changes them).
 */
export class TradeImport implements RowImporter {
  constructor(
    private readonly ctx: ImportContext,
    private readonly trades: TradeService,
  ) {}

  async chunk(em: EntityManager, rows: readonly ReadRow[], write: boolean): Promise<Outcome[]> {
    const owners = await OwningCustomers.lookUp(em, this.ctx.viewer, rows);
    const employees = await EmployeeNames.lookUp(
      em,
      rows.map((r) => r.values.handler),
    );
    const customers = rows.map((r) => owners.of(r));
    const ids = distinct(customers.map((c) => ('archiveNo' in c ? c.id : null)));
    const numbers = distinct(rows.map((r) => (typeof r.values.tradeNo === 'string' ? r.values.tradeNo : null)));
    const existing =
      ids.length && numbers.length
        ? await em.getRepository(Trade).findBy({ customerId: In(ids), tradeNo: In(numbers) })
        : [];
    const recorded = new Map(existing.map((t) => [keyOf(t.customerId, t.tradeNo), t]));
    const inChunk = new Map<string, number>();
    const outcomes: Outcome[] = [];
    for (const [i, row] of rows.entries()) {
      let plan = this.plan(row, customers[i], recorded, employees);
      const problems = [
        ...row.problems,
        ...(plan.action === 'refused'
          ? plan.problems.filter((p) => !row.problems.some((q) => q.field === p.field))
          : []),
      ];
      if (problems.length) plan = refused(row, ...problems);
      if (plan.action === 'create') plan = this.once(plan, inChunk);
      if (plan.action === 'create') plan = await this.record(em, plan, write);
      outcomes.push(plan.action === 'refused' ? plan.problems : plan.action === 'create' ? 'created' : 'unchanged');
    }
    return outcomes;
  }

  private once(plan: Extract<Plan, { action: 'create' }>, inChunk: Map<string, number>): Plan {
    const key = `${plan.input.customerId}:${plan.input.tradeNo}`;
    const earlier = inChunk.get(key);
    if (earlier !== undefined)
      return refused(plan.row, {
        field: 'tradeNo',
        reason: `repeats line ${earlier} of this file (the same 交易编号)`,
      });
    inChunk.set(key, plan.row.line);
    return plan;
  }

  private plan(
    row: ReadRow,
    customer: Customer | FieldProblem,
    recorded: Map<string, Trade>,
    employees: EmployeeNames,
  ): Plan {
    if (!('archiveNo' in customer)) return refused(row, customer);
    const { handler, ...fields } = withoutCustomerKeys(row.values);
    if (typeof fields.tradeNo !== 'string')
      return refused(row, {
        field: 'tradeNo',
        reason:
          'required in an import: the 交易编号 is what lets the same file be imported again without recording its trades twice',
      });
    let handlerRowId: number | undefined;
    if (typeof handler === 'string') {
      const employee = employees.globalId(handler);
      if ('reason' in employee) return refused(row, { field: 'handler', reason: employee.reason });
      fields.handlerId = employee.id;
      handlerRowId = employee.rowId;
    }
    const { input, problems } = this.ctx.rules.input('CreateTradeInput', CreateTradeInput, {
      ...fields,
      customerId: toGlobalId('Customer', customer.id),
    });
    if (!input) return refused(row, ...problems);
    const current = recorded.get(keyOf(customer.id, input.tradeNo!));
    if (!current) return { action: 'create', row, input };
    if (this.ctx.touched.has(current.id))
      return refused(row, { field: 'tradeNo', reason: 'repeats a trade an earlier row of this file already names' });
    this.ctx.touched.add(current.id);
    const { customerId: _c, handlerId: _h, overrideId: _o, ...given } = definedOnly(input);
    const changes = realChanges(
      current,
      { ...given, ...(handlerRowId !== undefined ? { handlerId: handlerRowId } : {}) } as Partial<Trade>,
      current.version,
      'Trade',
      toGlobalId('Trade', current.id),
    );
    if (!changes) return { action: 'unchanged', row, current };
    return refused(row, {
      field: 'tradeNo',
      reason: `a trade with this 交易编号 is already recorded with other ${Object.keys(changes).join(', ')}: imports add trades; change it with updateTrade`,
    });
  }

  /** createTrade, row by row: its checks, then its transaction body up to a savepoint. */
  private async record(em: EntityManager, plan: Extract<Plan, { action: 'create' }>, write: boolean): Promise<Plan> {
    const writer = { viewer: this.ctx.viewer, reads: this.ctx.reads };
    try {
      const allowed = await this.trades.planCreate(writer.viewer, plan.input);
      if (!write) return plan;
      await em.query('SAVEPOINT import_trade');
      try {
        const trade = await this.trades.answeringCreditRefusal(writer, () =>
          this.trades.createIn(em, writer.viewer, allowed, this.ctx.note(plan.row.line)),
        );
        this.ctx.touched.add(trade.id);
      } catch (err) {
        await em.query('ROLLBACK TO SAVEPOINT import_trade');
        throw err;
      } finally {
        await em.query('RELEASE SAVEPOINT import_trade');
      }
      return plan;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const named = (err.extensions.fields as { field: string }[] | undefined)?.[0]?.field;
      return refused(plan.row, {
        field: named ?? (err.code === 'NOT_FOUND' ? 'customerArchiveNo' : 'amount'),
        reason: err.message,
      });
    }
  }
}
