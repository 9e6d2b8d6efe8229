import type { DataSource } from 'typeorm';
import { ReadKind } from '../auth/read-kind';
import { FIELDS } from '../auth/fields';
import { applyMask, personalView } from '../auth/personal';
import { fieldOf, readableFields } from '../auth/readable-fields';
import type { RecordType } from '../auth/policy';
import { type ChangeOperationName } from '../outbox/change-event.entity';
import type { Page, PageArgs } from '../common/connection';
import { parseGlobalId, toGlobalId } from '../common/global-id';
import { paginate, type SortSpec } from '../common/paging';
import type { Context } from '../auth/context';
import { ChangeHistory, type StoredFieldChange } from '../outbox/change-history.entity';
import type { FieldChange, HistoryEntry } from './history.types';

const NEWEST_FIRST: SortSpec = { key: { property: 'id', kind: 'number' }, direction: 'DESC' };

/** Relations whose stored value is a row id: shown as the global id of that record. */
const RELATED: Record<string, string> = {
  owner: 'User',
  handler: 'User',
  user: 'User',
  createdBy: 'User',
  approvedBy: 'User',
  verifiedBy: 'User',
  customer: 'Customer',
  contact: 'Contact',
  mergedInto: 'Customer',
  abcOverriddenBy: 'User',
  correctiveActionBy: 'User',
};

/** The services that answer "may this caller see this record", per record type. */
const LOOKUPS: Record<RecordType, keyof Context['services']> = {
  Customer: 'customers',
  Contact: 'contacts',
  Trade: 'trades',
  Complaint: 'complaints',
  Visit: 'visits',
  Survey: 'surveys',
};

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/**
 * history(recordId): a record's changes, newest first, computed over what the caller may
 * see: nothing for a record it cannot see (as for one that does not exist), and in each
 * change only the fields it may read, personal data masked as its view of the record
 * masks it. Reading the history of an A-class archive's record, or old and new credit
 * values, is a confidential read like any other (查阅登记).
 */
export class HistoryService {
  constructor(private readonly ds: DataSource) {}

  async history(ctx: Context, recordGlobalId: string, page: PageArgs): Promise<Page<HistoryEntry>> {
    const parsed = parseGlobalId(recordGlobalId);
    const type = parsed && (parsed.type in LOOKUPS ? (parsed.type as RecordType) : null);
    const qb = this.ds.getRepository(ChangeHistory).createQueryBuilder('h');
    const record = type ? await this.visible(ctx, type, parsed!.id) : null;
    if (!type || !record) qb.where('1 = 0');
    else qb.where('h.recordType = :type AND h.recordId = :id', { type, id: parsed!.id });
    const rows = await paginate(qb, 'h', NEWEST_FIRST, page);
    const edges = await Promise.all(
      rows.edges.map(async (e) => ({ cursor: e.cursor, node: await this.entry(ctx, type!, e.node) })),
    );
    return {
      edges,
      pageInfo: rows.pageInfo,
      get totalCount() {
        return rows.totalCount;
      },
    };
  }

  private async visible(ctx: Context, type: RecordType, id: number): Promise<object | null> {
    const service = ctx.services[LOOKUPS[type]] as unknown as {
      byIds(viewer: Context['viewer'], ids: readonly number[]): Promise<(object | null)[]>;
    };
    const [row] = await service.byIds(ctx.viewer, [id]);
    return row;
  }

  /** One stored change as this caller may read it. */
  private async entry(ctx: Context, type: RecordType, row: ChangeHistory): Promise<HistoryEntry> {
    const stored = JSON.parse(row.changes) as StoredFieldChange[];
    const byField = new Map<string, StoredFieldChange>();
    for (const change of stored) {
      const field = fieldOf(type, change.f);
      if (field && !byField.has(field)) byField.set(field, change);
    }
    const owner = { customerId: row.customerId };
    const readable = await readableFields(ctx, type, owner, [...byField.keys()]);
    const view = readable.some((f) => FIELDS[type].personal?.[f]) ? await personalView(ctx, owner) : 'full';
    const changes: FieldChange[] = readable.map((field) => {
      const { o = null, n } = byField.get(field)!;
      const mask = FIELDS[type].personal?.[field];
      const shown = (value: unknown) => {
        if (RELATED[field] && typeof value === 'number') return toGlobalId(RELATED[field], value);
        return text(mask && view === 'masked' ? applyMask(value, mask) : value);
      };
      return { field, old: shown(o), new: shown(n) };
    });
    await this.noteReads(
      ctx,
      row.customerId,
      changes.map((c) => c.field),
      type,
    );
    return {
      id: toGlobalId('ChangeHistory', row.id),
      occurredAt: row.occurredAt,
      operation: row.operation as ChangeOperationName,
      actor: row.actorSubject,
      actorUserId: row.actorUserId,
      note: row.note,
      changes,
    };
  }

  private async noteReads(ctx: Context, customerId: number, fields: string[], type: RecordType): Promise<void> {
    const customer = await ctx.services.customers.load(ctx, customerId);
    if (!customer) return;
    const credit = new Set<string>(type === 'Customer' ? (FIELDS.Customer.credit ?? []) : []);
    for (const field of fields) {
      if (credit.has(field))
        ctx.reads.note(customer.id, customer.archiveNo, ReadKind.CREDIT_FIELDS, `History.${field}`);
      else if (customer.abcClass === 'A')
        ctx.reads.note(customer.id, customer.archiveNo, ReadKind.A_CLASS_ARCHIVE, `History.${type}.${field}`);
    }
  }
}
