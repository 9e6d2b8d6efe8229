import { type EntityManager, In } from 'typeorm';
import { notFound } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { definedOnly, realChanges, updateVersioned } from '../db/versioned-update';
import { type Change, recordChanges } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { Contact } from '../contacts/contact.entity';
import { CreateContactInput, UpdateContactInput } from '../contacts/contact.inputs';
import type { Customer } from '../customers/customer.entity';
import { clearPrimaryContact as clearPrimary } from '../contacts/contact.service';
import { type ImportContext, type Outcome, type ReadRow, type RowImporter } from './import-rows';
import { OwningCustomers, withoutCustomerKeys } from './owning-customers';
import { type FieldProblem, rowRight } from './row-input';

type Plan =
  | { action: 'create'; row: ReadRow; customer: Customer; values: Partial<Contact> }
  | { action: 'update'; row: ReadRow; current: Contact; changes: Partial<Contact> }
  | { action: 'unchanged'; row: ReadRow; current: Contact }
  | { action: 'refused'; row: ReadRow; problems: FieldProblem[] };

const refused = (row: ReadRow, ...problems: FieldProblem[]): Plan => ({ action: 'refused', row, problems });

/**
 * 联系人表 rows as createContact and updateContact would take them. A contact is the one of
 * its customer with that exact name (and that mobile, when several share the name); none
 * found, it is new. Rows are written one by one in the import's transaction: a contact has
 * no natural key to read a multi-row INSERT's ids back by.
 */
export class ContactImport implements RowImporter {
  constructor(private readonly ctx: ImportContext) {}

  async chunk(em: EntityManager, rows: readonly ReadRow[], write: boolean): Promise<Outcome[]> {
    const owners = await OwningCustomers.lookUp(em, this.ctx.viewer, rows);
    const customerIds = rows
      .map((r) => owners.of(r))
      .filter((c): c is Customer => 'archiveNo' in c)
      .map((c) => c.id);
    const existing = customerIds.length
      ? await em.getRepository(Contact).findBy({ customerId: In([...new Set(customerIds)]) })
      : [];
    const plans = rows.map((row) => {
      const plan = this.plan(row, owners, existing);
      const problems = [
        ...row.problems,
        ...(plan.action === 'refused'
          ? plan.problems.filter((p) => !row.problems.some((q) => q.field === p.field))
          : []),
      ];
      return problems.length ? refused(row, ...problems) : this.once(plan);
    });
    if (write) await this.write(em, plans);
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

  /** A contact named twice in one file is refused the second time. */
  private once(plan: Plan): Plan {
    if (plan.action !== 'update' && plan.action !== 'unchanged') return plan;
    if (this.ctx.touched.has(plan.current.id))
      return refused(plan.row, {
        field: 'name',
        reason: 'repeats a contact an earlier row of this file already names',
      });
    this.ctx.touched.add(plan.current.id);
    return plan;
  }

  private plan(row: ReadRow, owners: OwningCustomers, existing: Contact[]): Plan {
    const customer = owners.of(row);
    if (!('archiveNo' in customer)) return refused(row, customer);
    const fields = withoutCustomerKeys(row.values);
    const same = existing.filter((k) => k.customerId === customer.id && k.name === fields.name);
    const matches =
      same.length > 1 && typeof fields.mobile === 'string' ? same.filter((k) => k.mobile === fields.mobile) : same;
    if (matches.length > 1)
      return refused(row, {
        field: 'name',
        reason: `${matches.length} contacts of this customer have this name: give 手机 to say which`,
      });
    return matches.length ? this.planUpdate(row, fields, customer, matches[0]) : this.planCreate(row, fields, customer);
  }

  private planCreate(row: ReadRow, fields: Record<string, unknown>, customer: Customer): Plan {
    const { input, problems } = this.ctx.rules.input('CreateContactInput', CreateContactInput, {
      ...fields,
      customerId: toGlobalId('Customer', customer.id),
    });
    const { right, problems: denied } = rowRight(this.ctx.viewer, 'Contact', 'create', input ?? fields);
    if (!input || !right) return refused(row, ...problems, ...denied);
    if (!right.mayWriteUnder(customer))
      return refused(row, { field: 'customerArchiveNo', reason: notFound('Customer').message });
    const { customerId: _gid, ...values } = definedOnly(input);
    return { action: 'create', row, customer, values: { ...(values as Partial<Contact>), customerId: customer.id } };
  }

  private planUpdate(row: ReadRow, fields: Record<string, unknown>, customer: Customer, current: Contact): Plan {
    const { name: _key, ...given } = fields;
    const id = toGlobalId('Contact', current.id);
    const { input, problems } = this.ctx.rules.input('UpdateContactInput', UpdateContactInput, {
      ...given,
      id,
      version: current.version,
    });
    const { right, problems: denied } = rowRight(this.ctx.viewer, 'Contact', 'update', input ?? given);
    if (!input || !right) return refused(row, ...problems, ...denied);
    if (!right.mayWriteUnder(customer))
      return refused(row, { field: 'customerArchiveNo', reason: notFound('Customer').message });
    const { id: _id, version: _v, note: _n, ...rest } = input;
    const changes = realChanges(current, definedOnly(rest) as Partial<Contact>, current.version, 'Contact', id);
    return changes ? { action: 'update', row, current, changes } : { action: 'unchanged', row, current };
  }

  private async write(em: EntityManager, plans: Plan[]): Promise<void> {
    const changes: Change[] = [];
    const repo = em.getRepository(Contact);
    for (const plan of plans) {
      const note = this.ctx.note(plan.row.line);
      if (plan.action === 'create') {
        if (plan.values.isPrimary) await clearPrimary(em, plan.customer.id);
        const id = (await repo.insert(plan.values)).identifiers[0].id as number;
        this.ctx.touched.add(id);
        changes.push({ type: 'Contact', id, customerId: plan.customer.id, operation: Op.CREATED, note });
      } else if (plan.action === 'update') {
        const { current, changes: set } = plan;
        if (set.isPrimary) await clearPrimary(em, current.customerId, current.id);
        await updateVersioned(
          em,
          Contact,
          'Contact',
          toGlobalId('Contact', current.id),
          current.id,
          current.version,
          set,
        );
        changes.push({
          type: 'Contact',
          id: current.id,
          customerId: current.customerId,
          operation: Op.UPDATED,
          changedFields: Object.keys(set),
          before: current,
          note,
        });
      }
    }
    if (changes.length) await recordChanges(em, this.ctx.viewer, changes);
  }
}
