import { type DataSource, type EntityManager, In } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole } from '../auth/guard';
import { ARCHIVE_APPROVERS } from '../auth/policy';
import { badInput, notFound } from '../common/errors';
import { expectId } from '../common/global-id';
import { updateVersioned } from '../db/versioned-update';
import { type Change, recordChanges } from '../outbox/record-change';
import { ChangeOperationName as Op } from '../outbox/change-event.entity';
import type { RecordType } from '../auth/policy';
import { Complaint } from '../complaints/complaint.entity';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import type { CustomerService } from '../customers/customer.service';
import { writeTransaction } from '../db/transaction';
import { touched } from '../db/timestamps';
import { lockCustomers, refreshTradeStats } from '../trades/trade-stats';
import { Trade } from '../trades/trade.entity';
import { Visit } from '../visits/visit.entity';
import { Survey } from '../care/survey.entity';
import { markLatest } from '../care/survey.service';
import { type CadenceRules, refreshCareDues } from '../cadence/care-dues';
import { DEFAULT_RULES } from '../config/rules';
import type { MergeArchivesArgs } from './duplicates.types';
import { trimmedReason } from '../common/validators';

/** What a duplicate may be when merged, and what the archive that stays may be. */
const MERGEABLE = new Set([
  ArchiveStatus.PENDING_APPROVAL,
  ArchiveStatus.REJECTED,
  ArchiveStatus.ACTIVE,
  ArchiveStatus.DORMANT,
]);
const KEEPABLE = new Set([ArchiveStatus.ACTIVE, ArchiveStatus.DORMANT]);

/** The records that belong to an archive and move with a merge. */
const CHILDREN: {
  type: RecordType;
  table: string;
  entity: typeof Contact | typeof Trade | typeof Complaint | typeof Visit | typeof Survey;
}[] = [
  { type: 'Contact', table: 'contact', entity: Contact },
  { type: 'Trade', table: 'trade', entity: Trade },
  { type: 'Complaint', table: 'complaint', entity: Complaint },
  { type: 'Visit', table: 'visit', entity: Visit },
  { type: 'Survey', table: 'survey', entity: Survey },
];

/**
 * 合并重复档案: everything of the duplicate moves to the archive that stays, in one
 * transaction with an event per moved record. The duplicate stays as MERGED, pointing at the
 * kept archive (lookups of it answer with that one), its number never reused.
 */
export class MergeService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
    private readonly cadence: CadenceRules = DEFAULT_RULES,
  ) {}

  async merge(viewer: Viewer, args: MergeArchivesArgs): Promise<Customer> {
    assertAnyRole(viewer, ARCHIVE_APPROVERS, 'merge archives');
    const keepId = expectId(args.keepId, 'Customer', 'keepId');
    const mergeId = expectId(args.mergeId, 'Customer', 'mergeId');
    if (keepId === mergeId) throw badInput('mergeId', 'must be another archive than keepId');
    const reason = trimmedReason(args.reason);
    const [keep, dup] = await this.customers.byIds(viewer, [keepId, mergeId]);
    if (!keep) throw notFound('Customer', args.keepId);
    if (!dup) throw notFound('Customer', args.mergeId);
    if (!KEEPABLE.has(keep.status))
      throw badInput('keepId', `the archive that stays must be ACTIVE or DORMANT; it is ${keep.status}`);
    if (!MERGEABLE.has(dup.status)) throw badInput('mergeId', `a ${dup.status} archive cannot be merged`);

    return writeTransaction(this.ds, async (em) => {
      await lockCustomers(em, [keepId, mergeId]);
      // The duplicate first: it gives up its credit-code key before the kept archive may take the code.
      const takesCode = !keep.creditCode && dup.creditCode ? dup.creditCode : null;
      await updateVersioned(em, Customer, 'Customer', args.mergeId, mergeId, args.mergeVersion, {
        status: ArchiveStatus.MERGED,
        mergedIntoId: keepId,
        creditCodeKey: null,
        openingBalance: '0.00',
      });
      await updateVersioned(em, Customer, 'Customer', args.keepId, keepId, args.keepVersion, {
        ...(takesCode ? { creditCode: takesCode, creditCodeKey: takesCode } : {}),
      });
      // The kept archive takes on what the duplicate owed before its trades; its trades move below,
      // and refreshTradeStats recomputes both balances from there (the duplicate's comes to 0).
      await em.query(
        'UPDATE customer SET opening_balance = ROUND(opening_balance + CAST(? AS DECIMAL(18, 2)), 2) WHERE id = ?',
        [dup.openingBalance, keepId],
      );
      await renameClashingTradeNumbers(em, keepId, mergeId);
      const moved: Change[] = [];
      for (const child of CHILDREN) {
        const ids = (
          (await em.query(`SELECT id FROM ${child.table} WHERE customer_id = ? ORDER BY id`, [mergeId])) as {
            id: number;
          }[]
        ).map((r) => Number(r.id));
        if (ids.length === 0) continue;
        await em.getRepository(child.entity).update({ id: In(ids) }, touched(em, { customerId: keepId }));
        moved.push(
          ...ids.map((id): Change => ({
            type: child.type,
            id,
            customerId: keepId,
            operation: Op.UPDATED,
            changedFields: ['customerId'],
            before: { customerId: mergeId },
            note: `合并: ${reason}`,
          })),
        );
      }
      await refreshTradeStats(em, [keepId, mergeId]);
      // The kept archive's visits and surveys are now both archives': its cadence and latest survey follow.
      await markLatest(em, keepId);
      const [care] = await refreshCareDues(em, [keepId], this.cadence);
      const [kept] = await recordChanges(em, viewer, [
        {
          type: 'Customer',
          id: keepId,
          customerId: keepId,
          operation: Op.UPDATED,
          before: keep,
          note: `合并 ${dup.archiveNo}: ${reason}`,
          changedFields: [
            'tradeCount',
            'tradeTotal',
            'firstTradeAt',
            'lastTradeAt',
            'lastOrderAt',
            'nextPurchaseDueAt',
            'outstandingBalance',
            ...(takesCode ? ['creditCode'] : []),
            ...(care?.fields ?? []),
          ],
        },
        {
          type: 'Customer',
          id: mergeId,
          customerId: mergeId,
          operation: Op.UPDATED,
          before: dup,
          note: `合并到 ${keep.archiveNo}: ${reason}`,
          changedFields: [
            'status',
            'mergedIntoId',
            'outstandingBalance',
            'tradeCount',
            'tradeTotal',
            'firstTradeAt',
            'lastTradeAt',
          ],
        },
        ...moved,
      ]);
      return kept as Customer;
    });
  }
}

/**
 * Trade numbers are unique per archive: a moved trade whose number the kept archive already
 * uses gets a suffix (~2, ~3 …) rather than failing the merge.
 */
async function renameClashingTradeNumbers(em: EntityManager, keepId: number, mergeId: number): Promise<void> {
  const clashes = (await em.query(
    'SELECT m.id AS id, m.trade_no AS tradeNo FROM trade m WHERE m.customer_id = ? AND EXISTS (SELECT 1 FROM trade k WHERE k.customer_id = ? AND k.trade_no = m.trade_no)',
    [mergeId, keepId],
  )) as { id: number; tradeNo: string }[];
  for (const clash of clashes) {
    for (let n = 2; ; n++) {
      const candidate = `${clash.tradeNo.slice(0, 28)}~${n}`;
      const [{ taken }] = (await em.query(
        'SELECT COUNT(*) AS taken FROM trade WHERE customer_id IN (?, ?) AND trade_no = ?',
        [keepId, mergeId, candidate],
      )) as { taken: number | string }[];
      if (Number(taken) > 0) continue;
      await em.query('UPDATE trade SET trade_no = ? WHERE id = ?', [candidate, clash.id]);
      break;
    }
  }
}
