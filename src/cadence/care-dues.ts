import { type EntityManager, In } from 'typeorm';
import { addDays, addMonths, type BusinessRules } from '../config/rules';
import { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import { VisitKind } from '../visits/visit.enums';
import { type DerivedChange, writeDerived } from './derived-columns';
import { fromDbTime } from './db-time';

export type CadenceRules = Pick<BusinessRules, 'callEveryDays' | 'visitEveryMonths' | 'surveyEveryMonths'>;

/** What the dues of a customer are computed from: its class, when its archive started, its last touches. */
export type CareFacts = Pick<
  Customer,
  'status' | 'abcClass' | 'approvedAt' | 'createdAt' | 'lastCallAt' | 'lastVisitAt' | 'lastSurveyedAt'
>;

/** The derived columns of the contact cadence (回访) and the yearly survey (满意度调查). */
export const CARE_COLUMNS = [
  'lastCallAt',
  'lastVisitAt',
  'lastSurveyedAt',
  'nextCallDueAt',
  'nextVisitDueAt',
  'followUpDueAt',
  'surveyDueAt',
] as const;
export type CareColumns = Pick<Customer, (typeof CARE_COLUMNS)[number]>;

/** Drafts and rejected drafts are no customers yet: nothing is due for them. */
const NOT_STARTED = new Set([ArchiveStatus.PENDING_APPROVAL, ArchiveStatus.REJECTED]);

/**
 * The contract of the cadence (DOMAIN rule 3): a call is due `callEveryDays` of the class
 * after the last call that happened, a visit `visitEveryMonths` after the last visit, a
 * survey `surveyEveryMonths` after the last one; with none yet, counted from the archive's
 * approval (its creation when it predates approvals). followUpDueAt is the earlier of call
 * and visit: the one column overdueFollowUps pages by.
 */
export function careDues(
  facts: CareFacts,
  rules: CadenceRules,
): Omit<CareColumns, 'lastCallAt' | 'lastVisitAt' | 'lastSurveyedAt'> {
  if (NOT_STARTED.has(facts.status))
    return { nextCallDueAt: null, nextVisitDueAt: null, followUpDueAt: null, surveyDueAt: null };
  const start = new Date(facts.approvedAt ?? facts.createdAt);
  const nextCallDueAt = addDays(facts.lastCallAt ?? start, rules.callEveryDays[facts.abcClass]);
  const nextVisitDueAt = addMonths(facts.lastVisitAt ?? start, rules.visitEveryMonths[facts.abcClass]);
  const followUpDueAt = nextCallDueAt < nextVisitDueAt ? nextCallDueAt : nextVisitDueAt;
  return {
    nextCallDueAt,
    nextVisitDueAt,
    followUpDueAt,
    surveyDueAt: addMonths(facts.lastSurveyedAt ?? start, rules.surveyEveryMonths),
  };
}

type LastTouch = { customerId: number | string; kind: string; at: unknown };

/**
 * Recomputes the cadence and survey columns of these customers from their visits, surveys and
 * class, in the writer's transaction (after the write that moved them), and returns, per
 * customer whose columns changed, the fields and old values for its Customer change event.
 * Every write of a visit, a survey, a class or an approval calls this: the columns never
 * disagree with what they are derived from.
 */
export async function refreshCareDues(
  em: EntityManager,
  customerIds: readonly number[],
  rules: CadenceRules,
): Promise<DerivedChange[]> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return [];
  const rows = await em.getRepository(Customer).find({
    where: { id: In(ids) },
    order: { id: 'ASC' },
    select: {
      id: true,
      status: true,
      abcClass: true,
      approvedAt: true,
      createdAt: true,
      ...Object.fromEntries(CARE_COLUMNS.map((c) => [c, true])),
    },
  });
  const touches = (await em.query(
    `SELECT v.customer_id AS customerId, v.kind AS kind, MAX(v.occurred_at) AS at FROM visit v
     WHERE v.customer_id IN (${ids.map(() => '?').join(', ')}) AND v.kind IN (?, ?) AND v.occurred_at IS NOT NULL GROUP BY v.customer_id, v.kind
     UNION ALL SELECT s.customer_id, 'SURVEY', MAX(s.surveyed_at) FROM survey s WHERE s.customer_id IN (${ids.map(() => '?').join(', ')}) GROUP BY s.customer_id`,
    [...ids, VisitKind.PHONE_CALL, VisitKind.VISIT, ...ids],
  )) as LastTouch[];
  // By customer and kind: a classification batch asks this of hundreds of customers at once.
  const lastOf = new Map(touches.map((t) => [`${Number(t.customerId)}:${t.kind}`, t.at]));
  const last = (id: number, kind: string) => fromDbTime(lastOf.get(`${id}:${kind}`));
  return writeDerived(
    em,
    rows.map((row) => {
      const facts = {
        ...row,
        lastCallAt: last(row.id, VisitKind.PHONE_CALL),
        lastVisitAt: last(row.id, VisitKind.VISIT),
        lastSurveyedAt: last(row.id, 'SURVEY'),
      };
      return {
        before: row,
        after: {
          lastCallAt: facts.lastCallAt,
          lastVisitAt: facts.lastVisitAt,
          lastSurveyedAt: facts.lastSurveyedAt,
          ...careDues(facts, rules),
        },
      };
    }),
  );
}
