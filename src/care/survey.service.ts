import { type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { type CadenceRules, refreshCareDues } from '../cadence/care-dues';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import { type Change, recordChange, recordChanges } from '../outbox/record-change';
import type { Caller } from '../auth/caller';
import type { Page, PageArgs } from '../common/connection';
import { AppError, badInput, correctiveActionRefused } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import { updateVersioned } from '../db/versioned-update';
import type { Clock } from '../config/rules';
import type { ContactService } from '../contacts/contact.service';
import type { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import { ScopedRows } from '../auth/scoped-rows';
import { WritesUnder } from '../customers/writes-under';
import type { CustomerService } from '../customers/customer.service';
import { writeTransaction } from '../db/transaction';
import { Survey } from './survey.entity';
import type { RecordCorrectiveActionInput, RecordSurveyInput } from './survey.inputs';

const NEWEST_FIRST: SortSpec = { key: { property: 'surveyedAt', kind: 'date' }, direction: 'DESC' };
const OLDEST_FIRST: SortSpec = { key: { property: 'surveyedAt', kind: 'date' }, direction: 'ASC' };
const LONGEST_DUE_FIRST: SortSpec = { key: { property: 'surveyDueAt', kind: 'date' }, direction: 'ASC' };

/**
 * 满意度调查 (DOMAIN rule 11, seed 000 六): customer service surveys each customer at least every
 * SURVEY_EVERY_MONTHS; a survey that comes back low asks for a corrective action (纠正预防措施),
 * recorded on it with recordCorrectiveAction. lowSatisfaction lists the customers whose latest
 * survey is low and has none yet; a later survey speaks for the customer instead.
 */
export class SurveyService {
  private readonly rows: ScopedRows<Survey>;
  private readonly writes: WritesUnder<Survey>;
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly contacts: ContactService,
    private readonly cadence: CadenceRules,
    private readonly clock: Clock,
  ) {
    this.rows = new ScopedRows(ds.getRepository(Survey), 'Survey', 's');
    this.writes = new WritesUnder('Survey', this.rows, customers);
  }

  /** Every read of surveys starts here: a survey is visible exactly when its customer is. */
  scoped(viewer: Viewer, alias?: string): SelectQueryBuilder<Survey> {
    return this.rows.scoped(viewer, alias);
  }

  /** Batch lookup in key order; surveys of hidden customers come back null. */
  byIds(viewer: Viewer, ids: readonly number[]): Promise<(Survey | null)[]> {
    return this.rows.byIds(viewer, ids);
  }

  get(viewer: Viewer, globalId: string): Promise<Survey | null> {
    return this.rows.get(viewer, globalId);
  }

  /** Customer.surveys, newest first: one statement for the whole page of customers. */
  ofCustomer(caller: Caller, customerId: number, page: PageArgs): Promise<Page<Survey>> {
    return this.rows.pageOf(caller, 'customerId', customerId, page, NEWEST_FIRST);
  }

  /** Latest surveys with a score at most `threshold` and no corrective action yet, oldest first. */
  low(viewer: Viewer, threshold: number, page: PageArgs): Promise<Page<Survey>> {
    const qb = this.scoped(viewer)
      .andWhere('s.latest = :latest', { latest: true })
      .andWhere('s.correctiveActionAt IS NULL')
      .andWhere('s.lowestScore <= :threshold', { threshold });
    return paginate(qb, 's', OLDEST_FIRST, page);
  }

  /** ACTIVE customers not surveyed within SURVEY_EVERY_MONTHS (counted from approval until the first survey), longest due first. */
  due(viewer: Viewer, page: PageArgs, ownerGlobalId?: string): Promise<Page<Customer>> {
    const qb = this.customers
      .scoped(viewer)
      .andWhere('c.surveyDueAt <= :now', { now: this.clock() })
      .andWhere('c.status = :active', { active: ArchiveStatus.ACTIVE });
    if (ownerGlobalId !== undefined)
      qb.andWhere('c.ownerId = :ownerId', { ownerId: expectId(ownerGlobalId, 'User', 'ownerId') });
    return paginate(qb, 'c', LONGEST_DUE_FIRST, page);
  }

  async record(viewer: Viewer, input: RecordSurveyInput): Promise<Survey> {
    const { customer } = await this.writes.create(viewer, input);
    if (customer.status !== ArchiveStatus.ACTIVE) {
      throw new AppError(
        'ARCHIVE_NOT_APPROVED',
        `Refused: satisfaction surveys are of approved, active customers; this archive is ${customer.status}.`,
        { fields: [{ field: 'customerId', message: `the archive is ${customer.status}, surveys need ACTIVE` }] },
      );
    }
    const questions = input.scores.map((s) => s.question);
    if (new Set(questions).size !== questions.length) throw badInput('scores', 'each question at most once');
    const now = this.clock();
    const surveyedAt = input.surveyedAt ?? now;
    if (surveyedAt.getTime() > now.getTime()) throw badInput('surveyedAt', 'must not be in the future');
    const values = {
      customerId: customer.id,
      userId: viewer.userId,
      surveyedAt,
      comments: input.comments ?? null,
      contactId: (await this.contacts.expectOfCustomer(viewer, customer.id, input.contactId)) ?? null,
      scoresJson: JSON.stringify(input.scores.map(({ question, score }) => ({ question, score }))),
      lowestScore: Math.min(...input.scores.map((s) => s.score)),
    };
    return writeTransaction(this.ds, async (em) => {
      const inserted = await em.getRepository(Survey).insert(values);
      const rowId = inserted.identifiers[0].id as number;
      await markLatest(em, customer.id);
      // The customer's lastSurveyedAt and surveyDueAt move with it.
      const dues = await refreshCareDues(em, [customer.id], this.cadence);
      const [survey] = await recordChanges(em, viewer, [
        { type: 'Survey', id: rowId, customerId: customer.id, operation: Op.CREATED },
        ...dues.map((d): Change => ({
          type: 'Customer',
          id: d.id,
          customerId: d.id,
          operation: Op.UPDATED,
          changedFields: d.fields,
          before: d.before,
        })),
      ]);
      return survey as Survey;
    });
  }

  async recordCorrectiveAction(viewer: Viewer, input: RecordCorrectiveActionInput): Promise<Survey> {
    const { current } = await this.writes.update(viewer, input);
    const action = input.correctiveAction.trim();
    if (action.length < 5) throw badInput('correctiveAction', 'must say what was done, in at least 5 characters');
    if (current.correctiveActionAt)
      throw correctiveActionRefused(
        `one was recorded on ${new Date(current.correctiveActionAt).toISOString()}; a new survey shows whether it worked`,
      );
    if (!current.latest)
      throw correctiveActionRefused(
        'a later survey of this customer replaced this one: record the action on the latest',
      );
    const changes = { correctiveAction: action, correctiveActionAt: this.clock(), correctiveActionById: viewer.userId };
    return writeTransaction(this.ds, async (em) => {
      await updateVersioned(em, Survey, 'Survey', input.id, current.id, input.version, changes);
      return recordChange<Survey>(em, viewer, {
        type: 'Survey',
        id: current.id,
        customerId: current.customerId,
        operation: Op.UPDATED,
        changedFields: Object.keys(changes),
        before: current,
        note: '纠正预防措施',
      });
    });
  }
}

/**
 * Marks the customer's most recent survey (by surveyedAt, then the later record) as its latest
 * and no other: a backdated survey does not replace a newer one. Internal, so no event of its own.
 */
export async function markLatest(em: EntityManager, customerId: number): Promise<void> {
  const [newest] = (await em.query(
    'SELECT id FROM survey WHERE customer_id = ? ORDER BY surveyed_at DESC, id DESC LIMIT 1',
    [customerId],
  )) as { id: number }[];
  if (!newest) return;
  await em.query('UPDATE survey SET latest = CASE WHEN id = ? THEN 1 ELSE 0 END WHERE customer_id = ?', [
    Number(newest.id),
    customerId,
  ]);
}
