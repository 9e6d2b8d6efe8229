import { type DataSource, type EntityManager, In } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole } from '../auth/guard';
import { CLASSIFIERS } from '../auth/policy';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { type Change, recordChange, recordChanges } from '../outbox/record-change';
import { badInput, classificationRefused, notFound } from '../common/errors';
import { expectId } from '../common/global-id';
import { updateVersioned } from '../db/versioned-update';
import { addMonths, type BusinessRules, type Clock } from '../config/rules';
import { Customer } from '../customers/customer.entity';
import { AbcClass } from '../customers/customer.enums';
import type { CustomerService } from '../customers/customer.service';
import { touched } from '../db/timestamps';
import { writeTransaction } from '../db/transaction';
import { lockCustomers } from '../trades/trade-stats';
import { refreshCareDues } from '../cadence/care-dues';
import type { DerivedChange } from '../cadence/derived-columns';
import { computedClass, RANKED, type Reclassified, reclassified, WINDOW_MONTHS } from './ranking';
import type { ClassificationRun } from './classification.types';

/** Customers reclassified per transaction: short locks, and the run resumes where it was if it dies. */
const BATCH = 500;

export type ClassificationRules = Pick<
  BusinessRules,
  'abcShares' | 'callEveryDays' | 'visitEveryMonths' | 'surveyEveryMonths'
>;

/** The class change of one customer as one event: the class and the cadence dues it moved. */
function classChange(
  id: number,
  fields: Partial<Customer>,
  before: Partial<Customer>,
  derived: DerivedChange | undefined,
  note: string,
): Change {
  return {
    type: 'Customer',
    id,
    customerId: id,
    operation: Op.UPDATED,
    note,
    changedFields: [...Object.keys(fields), ...(derived?.fields ?? [])],
    before: { ...derived?.before, ...before },
  };
}

/**
 * ABC分类 (DOMAIN rule 2): approved customers ranked by trailing-12-month trade value, top A %
 * A, next B % B, the rest C (ABC_SHARES), unless a manager overrode the class with a reason,
 * which stands until cleared. Every class change is a Customer change event with its history,
 * and moves the contact cadence of the class in the same transaction. Since the class is part
 * of every row scope, a customer that becomes A leaves the views of roles that do not see A-class
 * archives with that commit: lists, lookups and change-feed deliveries all read the row.
 */
export class ClassificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly rules: ClassificationRules,
    private readonly clock: Clock,
  ) {}

  /** recomputeClasses and `npm run jobs -- classify`: rerunning it changes nothing more; two runs at once agree. */
  async recompute(actor: Viewer): Promise<ClassificationRun> {
    const now = this.clock();
    const changes = await reclassified(this.ds.manager, now, this.rules);
    let changed = 0;
    for (let i = 0; i < changes.length; i += BATCH) changed += await this.apply(actor, changes.slice(i, i + BATCH));
    return { ...(await this.counts()), changed, windowFrom: addMonths(now, -WINDOW_MONTHS), windowTo: now };
  }

  /** One batch: what still has the class it was ranked with and no override (the rows are locked) changes. */
  private apply(actor: Viewer, batch: Reclassified[]): Promise<number> {
    return writeTransaction(this.ds, async (em) => {
      await lockCustomers(
        em,
        batch.map((r) => r.id),
      );
      const rows = await em.getRepository(Customer).find({
        where: { id: In(batch.map((r) => r.id)) },
        select: { id: true, abcClass: true, abcOverrideReason: true },
      });
      const current = new Map(rows.map((row) => [row.id, row]));
      const due = batch.filter(
        (r) => current.get(r.id)?.abcClass === r.from && current.get(r.id)?.abcOverrideReason === null,
      );
      for (const cls of [AbcClass.A, AbcClass.B, AbcClass.C]) {
        const ids = due.filter((r) => r.to === cls).map((r) => r.id);
        if (ids.length)
          await em
            .createQueryBuilder()
            .update(Customer)
            .set(touched(em, { abcClass: cls }) as never)
            .where('id IN (:...ids)', { ids })
            .execute();
      }
      const derived = new Map(
        (
          await refreshCareDues(
            em,
            due.map((r) => r.id),
            this.rules,
          )
        ).map((d) => [d.id, d]),
      );
      await recordChanges(
        em,
        actor,
        due.map((r) =>
          classChange(
            r.id,
            { abcClass: r.to },
            { abcClass: r.from },
            derived.get(r.id),
            `ABC分类: trade value ${r.value} over ${WINDOW_MONTHS} months ranks ${r.rank} of ${r.ranked}`,
          ),
        ),
      );
      return due.length;
    });
  }

  private async counts(): Promise<Omit<ClassificationRun, 'changed' | 'windowFrom' | 'windowTo'>> {
    const rows = (await this.ds
      .getRepository(Customer)
      .createQueryBuilder('c')
      .select('c.abcClass', 'cls')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN c.abcOverrideReason IS NULL THEN 0 ELSE 1 END)', 'pinned')
      .where('c.status IN (:...ranked)', { ranked: RANKED })
      .groupBy('c.abcClass')
      .getRawMany()) as { cls: AbcClass; n: unknown; pinned: unknown }[];
    const of = (cls: AbcClass) => Number(rows.find((r) => r.cls === cls)?.n ?? 0);
    return {
      ranked: of(AbcClass.A) + of(AbcClass.B) + of(AbcClass.C),
      classA: of(AbcClass.A),
      classB: of(AbcClass.B),
      classC: of(AbcClass.C),
      overridden: rows.reduce((sum, r) => sum + Number(r.pinned ?? 0), 0),
    };
  }

  /** overrideClass: the manager's class wins over the ranking until clearClassOverride. */
  async override(viewer: Viewer, customerGlobalId: string, abcClass: AbcClass, reason: string): Promise<Customer> {
    assertAnyRole(viewer, CLASSIFIERS, 'override ABC classes');
    const why = reason.trim();
    if (why.length < 5) throw badInput('reason', 'must say why, in at least 5 characters');
    return this.change(viewer, customerGlobalId, (current) => {
      if (!RANKED.includes(current.status))
        throw classificationRefused(
          `only approved, live archives (ACTIVE, DORMANT) are classified; this one is ${current.status}`,
        );
      return {
        fields: { abcClass, abcOverrideReason: why, abcOverriddenAt: this.clock(), abcOverriddenById: viewer.userId },
        note: `ABC分类 set by a manager: ${why}`,
      };
    });
  }

  /** clearClassOverride: the class is the ranking's again, at once. */
  async clearOverride(viewer: Viewer, customerGlobalId: string): Promise<Customer> {
    assertAnyRole(viewer, CLASSIFIERS, 'clear ABC class overrides');
    return this.change(viewer, customerGlobalId, async (current, em) => {
      if (current.abcOverrideReason === null)
        throw classificationRefused('this archive has no class override to clear: its class is computed');
      const abcClass = await computedClass(em, current.id, this.clock(), this.rules);
      return {
        fields: { abcClass, abcOverrideReason: null, abcOverriddenAt: null, abcOverriddenById: null },
        note: 'ABC分类: override cleared, class computed again',
      };
    });
  }

  /** One customer's class step under its row lock, with its cadence dues and one event. */
  private async change(
    viewer: Viewer,
    globalId: string,
    decide: (
      current: Customer,
      em: EntityManager,
    ) => { fields: Partial<Customer>; note: string } | Promise<{ fields: Partial<Customer>; note: string }>,
  ): Promise<Customer> {
    const id = expectId(globalId, 'Customer', 'customerId');
    if (!(await this.customers.byIds(viewer, [id]))[0]) throw notFound('Customer', globalId);
    return writeTransaction(this.ds, async (em) => {
      await lockCustomers(em, [id]);
      const current = await em.getRepository(Customer).findOneByOrFail({ id });
      const { fields, note } = await decide(current, em);
      await updateVersioned(em, Customer, 'Customer', globalId, id, current.version, fields);
      const [derived] = await refreshCareDues(em, [id], this.rules);
      const real = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => !sameValue(current[k as keyof Customer], v)),
      );
      return recordChange<Customer>(em, viewer, classChange(id, real, current, derived, note));
    });
  }
}

const sameValue = (a: unknown, b: unknown) =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
