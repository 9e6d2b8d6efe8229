import { setImmediate } from 'node:timers/promises';
import type { EntityManager } from 'typeorm';
import { assertMayWriteOneOf, type WriteRight } from '../auth/guard';
import { WRITE_FIELDS } from '../auth/policy';
import { conflict, forbidden, notFound } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { definedOnly, realChanges, updateVersioned } from '../db/versioned-update';
import { HeldEventNumbers, stageChanges, type Change, type StagedChanges } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { type ArchiveNumberRule, HeldSequences } from '../customers/archive-number';
import { duplicateArchive, holdsCreditCodeKey, renamesNeedRecord } from '../customers/archive-status';
import { assertLimitNotRaised } from '../customers/credit-settings';
import { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import { CreateCustomerInput, UpdateCustomerInput } from '../customers/customer.inputs';
import { scopeCustomers, seesClassA } from '../auth/row-scope';
import { withKeptKeys } from '../customers/kept-keys';
import {
  addNameGrams,
  changesSearchedTexts,
  refreshNameGrams,
  searchedTexts,
  type TextsBefore,
} from '../customers/name-grams';
import { badInput } from '../common/errors';
import { uniqueViolation } from '../db/errors';
import { insertRows } from '../db/insert-rows';
import { storedEntities } from '../db/stored-rows';
import { EmployeeNames } from './employees';
import { distinct, type ImportContext, type Outcome, type ReadRow, type RowImporter } from './import-rows';
import { type FieldProblem, problemOf, rowRight } from './row-input';
import { groupBy } from '../common/group-by';
import { entitiesOf } from '../common/rows';
import { refreshPurchaseDue } from '../cadence/purchase-due';

type Plan =
  | { action: 'create'; row: ReadRow; values: Record<string, unknown> }
  | { action: 'update'; row: ReadRow; target: Customer; changes: Partial<Customer> }
  | { action: 'unchanged'; row: ReadRow; target: Customer }
  | { action: 'refused'; row: ReadRow; problems: FieldProblem[] };

/** What one chunk's rows refer to, read in one statement each. */
interface Found {
  byNo: Map<string, Customer>;
  byCode: Map<string, Customer[]>;
  byName: Map<string, Customer[]>;
  employees: EmployeeNames;
}

/** Rows checked ahead between two turns of the event loop: about a millisecond of work. */
const PREPARED_BETWEEN_TURNS = 16;

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
/** Rows plan() may take for new ones before the lookups answer: no archive number, no owner (whose id is looked up). */
const guessable = (row: ReadRow) => row.values.archiveNo === undefined && row.values.owner === undefined;
const refused = (row: ReadRow, ...problems: FieldProblem[]): Plan => ({ action: 'refused', row, problems });

/**
 * 客户资料表 rows as createCustomer and updateCustomer would take them, one chunk at a time.
 * A row names its archive by 档案编号, else by 统一社会信用代码, else by its exact name among
 * archives the caller may change; with none found it is a new draft (PENDING_APPROVAL,
 * numbered by the coding rule, created by the importer) exactly as createCustomer makes one:
 * a credit code on an archive the caller cannot see is not looked for, and the manager who
 * approves the draft is shown the duplicate. Only visible archives are ever matched, so a
 * row's outcome says nothing of hidden ones.
 */
export class CustomerImport implements RowImporter {
  /** Any right to update customers at all, whatever the fields: which archives a name may match. */
  private readonly anyUpdate: WriteRight | null;

  constructor(
    private readonly ctx: ImportContext,
    private readonly numbering: ArchiveNumberRule,
  ) {
    const groups = Object.keys(WRITE_FIELDS.Customer);
    try {
      this.anyUpdate = assertMayWriteOneOf(ctx.viewer, 'Customer', 'update', groups, 'update customers');
    } catch {
      this.anyUpdate = null;
    }
  }

  /**
   * The previous chunk's last writes (its new archives' name grams, history, change events),
   * still being stored: tables no lookup or check of the import reads, so the next chunk is
   * looked up and checked meanwhile, and the database works while this process does. Where
   * the transaction is pipelined (ctx.pipelined) the next chunk's writes follow them on the
   * connection straight away, so the database never waits for this process between chunks;
   * elsewhere a chunk waits for them before it writes (on SQLite a full disk can end the
   * transaction, and a write after it would commit on its own). Either way a chunk answers
   * only once the last one's are in, so a failure stops the import at the next chunk.
   */
  private tail: Promise<void> = Promise.resolve();

  settled(): Promise<void> {
    return this.tail;
  }

  async finish(em: EntityManager): Promise<void> {
    await this.sequences.store(em);
    await this.eventNumbers.store(em);
  }

  /**
   * Whether the last chunk was mostly new customers: then the next one's rows that can only
   * be new or matched by credit code or name are checked as createCustomer input when read
   * (prepare), while the chunk before them waits for the database. A row the lookups find an
   * archive for is checked again as an update, so a file of known customers does not guess.
   */
  private mostlyNew = true;
  private readonly guessed = new WeakMap<ReadRow, Plan>();
  /** Archive and event numbers: after the first chunk that takes some, taken without a statement. */
  private readonly sequences = new HeldSequences();
  private readonly eventNumbers = new HeldEventNumbers();

  async prepare(rows: readonly ReadRow[]): Promise<void> {
    if (!this.mostlyNew) return;
    for (const [i, row] of rows.entries()) {
      if (guessable(row)) this.guessed.set(row, this.planNew(row));
      if (i % PREPARED_BETWEEN_TURNS === PREPARED_BETWEEN_TURNS - 1) await setImmediate();
    }
  }

  async chunk(em: EntityManager, rows: readonly ReadRow[], write: boolean): Promise<Outcome[]> {
    const found = await this.lookUp(em, rows);
    const createKeys = new Map<string, number>();
    const plans = rows.map((row) => {
      const plan = this.plan(row, found);
      const problems = [
        ...row.problems,
        ...(plan.action === 'refused'
          ? plan.problems.filter((p) => !row.problems.some((q) => q.field === p.field))
          : []),
      ];
      return problems.length ? refused(row, ...problems) : this.once(plan, createKeys);
    });
    this.mostlyNew = plans.filter((p) => p.action === 'create').length * 2 >= plans.length;
    // The last chunk's events may still be on their way: this chunk's writes follow them
    // on the connection at once where the transaction is pipelined, else once they are in.
    const previous = this.tail;
    if (!this.ctx.pipelined) await previous;
    if (write) {
      const finish = await this.write(em, plans);
      await previous;
      this.tail = finish();
      this.tail.catch(() => undefined); // answered by the next chunk or settled()
    }
    return plans.map((p) =>
      p.action === 'refused'
        ? p.problems
        : p.action === 'create'
          ? 'created'
          : p.action === 'update'
            ? 'updated'
            : 'unchanged',
    );
  }

  private scoped(em: EntityManager) {
    const qb = em.getRepository(Customer).createQueryBuilder('c');
    scopeCustomers(qb, 'c', this.ctx.viewer);
    return qb;
  }

  private async lookUp(em: EntityManager, rows: readonly ReadRow[]): Promise<Found> {
    const nos = distinct(rows.map((r) => text(r.values.archiveNo)));
    const codes = distinct(rows.map((r) => text(r.values.creditCode)));
    const names = distinct(
      rows.filter((r) => !r.values.archiveNo && !r.values.creditCode).map((r) => text(r.values.name)),
    );
    const [byNo, byCode, byName, employees] = await Promise.all([
      nos.length ? entitiesOf(this.scoped(em).andWhere('c.archiveNo IN (:...nos)', { nos })) : [],
      codes.length ? entitiesOf(this.scoped(em).andWhere('c.creditCode IN (:...codes)', { codes })) : [],
      names.length ? entitiesOf(this.scoped(em).andWhere('c.name IN (:...names)', { names })) : [],
      EmployeeNames.lookUp(
        em,
        rows.map((r) => r.values.owner),
      ),
    ]);
    return {
      byNo: new Map(byNo.map((c) => [c.archiveNo, c])),
      byCode: groupBy(byCode, (c) => c.creditCode),
      byName: groupBy(byName, (c) => c.name),
      employees,
    };
  }

  /** The archive a row names, and the key field it was found by (not a change of that field). */
  private match(row: ReadRow, found: Found): { target: Customer | null; key?: string } | FieldProblem {
    const { archiveNo, creditCode, name } = row.values;
    if (typeof archiveNo === 'string') {
      // Missing, hidden and someone else's answer alike (NOT_FOUND), as updateCustomer does.
      const target = found.byNo.get(archiveNo);
      return target && this.anyUpdate?.mayWriteUnder(target)
        ? { target }
        : { field: 'archiveNo', reason: notFound('Customer').message };
    }
    if (typeof creditCode === 'string') {
      const same = found.byCode.get(creditCode) ?? [];
      if (same.length > 1)
        return {
          field: 'creditCode',
          reason: `${same.length} archives you can see have this creditCode (${same.map((c) => c.archiveNo).join(', ')}): give 档案编号 to say which`,
        };
      if (same.length === 0) return { target: null };
      // A visible archive the caller may not change is refused as createCustomer refuses it.
      return this.anyUpdate?.mayWriteUnder(same[0])
        ? { target: same[0], key: 'creditCode' }
        : { field: 'creditCode', reason: duplicateArchive(same[0]).message };
    }
    const same =
      typeof name === 'string' ? (found.byName.get(name) ?? []).filter((c) => this.anyUpdate?.mayWriteUnder(c)) : [];
    if (same.length > 1)
      return {
        field: 'name',
        reason: `${same.length} of your archives have this name (${same.map((c) => c.archiveNo).join(', ')}): give 档案编号 to say which`,
      };
    return same.length ? { target: same[0], key: 'name' } : { target: null };
  }

  /**
   * A file names each customer once: a row that names an archive an earlier row of the file
   * wrote or matched (or, in one chunk, the same new customer) is refused, so the outcome
   * never depends on the order rows were applied in.
   */
  private once(plan: Plan, createKeys: Map<string, number>): Plan {
    const { touched } = this.ctx;
    if (plan.action === 'create') {
      const values = plan.values as { creditCode?: string; name: string };
      const key = values.creditCode ? `code:${values.creditCode}` : `name:${values.name}`;
      const earlier = createKeys.get(key);
      if (earlier !== undefined)
        return refused(plan.row, {
          field: values.creditCode ? 'creditCode' : 'name',
          reason: `repeats line ${earlier} of this file (the same customer)`,
        });
      createKeys.set(key, plan.row.line);
      return plan;
    }
    if (plan.action === 'refused') return plan;
    if (touched.has(plan.target.id))
      return refused(plan.row, {
        field: 'archiveNo',
        reason: `repeats archive ${plan.target.archiveNo}, which an earlier row of this file already names`,
      });
    touched.add(plan.target.id);
    return plan;
  }

  private plan(row: ReadRow, found: Found): Plan {
    const matched = this.match(row, found);
    if ('field' in matched) return refused(row, matched);
    const guess = this.guessed.get(row);
    if (guess && !matched.target) return guess;
    const { archiveNo: _no, owner, ...fields } = row.values;
    if (matched.key) delete fields[matched.key];
    let ownerRowId: number | undefined;
    if (typeof owner === 'string') {
      const employee = found.employees.globalId(owner);
      if ('reason' in employee) return refused(row, { field: 'owner', reason: employee.reason });
      fields.ownerId = employee.id;
      ownerRowId = employee.rowId;
    }
    return matched.target
      ? this.planUpdate(row, fields, matched.target, found, ownerRowId)
      : this.planCreate(row, fields, ownerRowId);
  }

  /** plan() of a row that names no archive and no owner, when no archive is found for it. */
  private planNew(row: ReadRow): Plan {
    const { archiveNo: _no, owner: _owner, ...fields } = row.values;
    return this.planCreate(row, fields);
  }

  private planCreate(row: ReadRow, fields: Record<string, unknown>, ownerRowId?: number): Plan {
    const { viewer, rules } = this.ctx;
    const { input, problems } = rules.input('CreateCustomerInput', CreateCustomerInput, fields);
    const { right, problems: denied } = rowRight(viewer, 'Customer', 'create', input ?? fields);
    if (!input || !right) return refused(row, ...problems, ...denied);
    try {
      if (ownerRowId !== undefined) right.assertNames([], 'ownerId', ownerRowId);
    } catch (err) {
      return refused(row, problemOf(err, 'ownerId'));
    }
    const { ownerId: _gid, ...values } = definedOnly(input);
    return {
      action: 'create',
      row,
      values: {
        ...withKeptKeys(values as Partial<Customer>),
        ownerId: ownerRowId ?? viewer.userId,
        createdById: viewer.userId,
        status: ArchiveStatus.PENDING_APPROVAL,
      },
    };
  }

  /** updateCustomer's rules, on the archive as this transaction reads it. */
  private planUpdate(
    row: ReadRow,
    fields: Record<string, unknown>,
    current: Customer,
    found: Found,
    ownerRowId?: number,
  ): Plan {
    const { viewer, rules } = this.ctx;
    const id = toGlobalId('Customer', current.id);
    const { input, problems } = rules.input('UpdateCustomerInput', UpdateCustomerInput, {
      ...fields,
      id,
      version: current.version,
    });
    const { right, problems: denied } = rowRight(viewer, 'Customer', 'update', input ?? fields);
    if (!input || !right) return refused(row, ...problems, ...denied);
    if (!right.mayWriteUnder(current))
      return refused(row, { field: 'archiveNo', reason: notFound('Customer').message });
    const { id: _id, version: _v, note: _n, ownerId: _o, ...rest } = input;
    const given = definedOnly(rest) as Partial<Customer>;
    try {
      if (given.name !== undefined && given.name !== current.name && renamesNeedRecord(current.status)) {
        throw badInput(
          'name',
          'an approved archive is renamed with renameCustomer (更名), which keeps the old name and its document',
        );
      }
      withKeptKeys(given);
      assertLimitNotRaised(current.creditLimit, given.creditLimit);
      if (ownerRowId !== undefined) {
        right.assertNames([current], 'ownerId', ownerRowId);
        given.ownerId = ownerRowId;
      }
      if (given.creditCode !== undefined && given.creditCode !== current.creditCode)
        this.changeCreditCode(current, given, found);
    } catch (err) {
      return refused(row, problemOf(err, 'name'));
    }
    const changes = realChanges(current, given, current.version, 'Customer', id);
    return changes
      ? { action: 'update', row, target: current, changes }
      : { action: 'unchanged', row, target: current };
  }

  /** CustomerService's rule: visible duplicates are named; an approved archive's code is its key, for managers to change. */
  private changeCreditCode(current: Customer, changes: Partial<Customer>, found: Found): void {
    const other = (found.byCode.get(changes.creditCode!) ?? []).find((c) => c.id !== current.id);
    if (other) throw duplicateArchive(other);
    if (!holdsCreditCodeKey(current.status)) return;
    if (!seesClassA(this.ctx.viewer))
      throw forbidden("creditCode of an approved archive: a manager changes it (it is the archive's unique key)");
    changes.creditCodeKey = changes.creditCode;
  }

  /**
   * Writes the records (and what later lookups read: numbers, derived columns); resolves to
   * the rest, which only the outbox, the history and the name index take (see `tail`).
   */
  private async write(em: EntityManager, plans: Plan[]): Promise<() => Promise<void>> {
    const changes: Change[] = [];
    const creates = plans.filter((p): p is Extract<Plan, { action: 'create' }> => p.action === 'create');
    const created = creates.length ? await this.insert(em, creates) : { changes: [], grams: [] };
    changes.push(...created.changes);
    const renamed: TextsBefore[] = [];
    const updated: { plan: Extract<Plan, { action: 'update' }>; changedFields: string[] }[] = [];
    for (const [i, plan] of plans.entries()) {
      if (plan.action !== 'update') continue;
      const { target, changes: set, row } = plan;
      try {
        await updateVersioned(
          em,
          Customer,
          'Customer',
          toGlobalId('Customer', target.id),
          target.id,
          target.version,
          set,
        );
      } catch (err) {
        if (uniqueViolation(err, { credit_code_key: 'creditCode' }) !== 'creditCode') throw err;
        plans[i] = refused(row, {
          field: 'creditCode',
          reason: conflict('Another approved archive already has this creditCode: one archive per real customer.')
            .message,
        });
        continue;
      }
      // `target` is the archive as read before this update, whose version it checked; former names stay.
      if (changesSearchedTexts(set)) renamed.push({ id: target.id, before: searchedTexts(target) });
      updated.push({ plan, changedFields: Object.keys(set).filter((k) => k !== 'nameKey' && k !== 'creditCodeKey') });
    }
    await refreshNameGrams(em, renamed);
    // As updateCustomer: a new purchase cycle moves the decline alert's due time, and the event names it.
    const cycles = updated.filter((u) => 'purchaseCycleDays' in u.plan.changes).map((u) => u.plan.target.id);
    const moved = new Map((await refreshPurchaseDue(em, cycles)).map((d) => [d.id, d.fields]));
    for (const { plan, changedFields } of updated)
      changes.push({
        type: 'Customer',
        id: plan.target.id,
        customerId: plan.target.id,
        operation: Op.UPDATED,
        changedFields: [...changedFields, ...(moved.get(plan.target.id) ?? [])],
        before: plan.target,
        note: this.ctx.note(plan.row.line),
      });
    return async () => {
      // The events and the history are worked out while the database stores the name index.
      const grams = addNameGrams(em, created.grams);
      let staged: StagedChanges;
      try {
        staged = await stageChanges(em, this.ctx.viewer, changes);
      } finally {
        await grams;
      }
      await staged.store(this.eventNumbers);
    };
  }

  /**
   * New drafts: numbers taken per prefix in one step, rows in multi-row INSERTs. Their ids
   * come with the INSERTs' answers and their events' snapshots are worked out from what was
   * written (db/stored-rows.ts); where either cannot be, the rows are read back once, whole.
   */
  private async insert(
    em: EntityManager,
    creates: Extract<Plan, { action: 'create' }>[],
  ): Promise<{ changes: Change[]; grams: Parameters<typeof addNameGrams>[1] }> {
    const now = new Date();
    const byPrefix = groupBy(
      creates.map((c) => c.values),
      (values) => this.numbering.prefix(values.region as never, now),
    );
    const counts = new Map([...byPrefix].map(([prefix, group]) => [prefix, group.length]));
    const first = await this.sequences.take(em, counts);
    for (const [prefix, group] of byPrefix)
      group.forEach((values, i) => (values.archiveNo = this.numbering.format(prefix, first.get(prefix)! + i)));
    // Stamped here rather than by the database's default, so that the snapshots know them. A
    // new object, as Object.assign adding them would turn 20 properties into a hash table (V8).
    const all: Record<string, unknown>[] = creates.map((c) => ({ ...c.values, createdAt: now, updatedAt: now }));
    const ids = await insertRows(em, Customer, all, { ids: true });
    const stored = (ids && storedEntities(em, Customer, all, ids)) ?? (await this.readBack(em, all));
    const grams = all.map((values, i) => ({ id: stored[i].id, createdAt: now, texts: searchedTexts(values) }));
    const changes = creates.map(({ row }, i): Change => {
      const after = stored[i];
      this.ctx.touched.add(after.id);
      const { id } = after;
      return { type: 'Customer', id, customerId: id, operation: Op.CREATED, note: this.ctx.note(row.line), after };
    });
    return { changes, grams };
  }

  /** New archives read back by their numbers, in the order of `values`. */
  private async readBack(em: EntityManager, values: Record<string, unknown>[]): Promise<Customer[]> {
    const found = await entitiesOf(
      em
        .getRepository(Customer)
        .createQueryBuilder('c')
        .where('c.archiveNo IN (:...nos)', { nos: values.map((v) => v.archiveNo) }),
    );
    const byNo = new Map(found.map((c) => [c.archiveNo, c]));
    return values.map((v) => byNo.get(v.archiveNo as string)!);
  }
}
