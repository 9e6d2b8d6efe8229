import type { IMiddlewareResolver } from 'graphql-middleware/dist/types';
import { ReadKind } from './read-kind';
import type { Context } from './context';
import { CREDIT_FIELDS, FIELDS } from './fields';
import { applyMask, personalView } from './personal';

type Middleware = IMiddlewareResolver<unknown, Context>;

/** A customer row as read: what a read of it is recorded under. */
interface CustomerRow {
  id: number;
  archiveNo: string;
  abcClass: string;
}

/** A change event as read (changes/record-change.types.ts): the record it is about. */
interface ChangeRow {
  recordType: string;
  record: object | null;
}

/** A contact, trade, complaint or visit as read: its customer, and that archive's number if it is A-class. */
interface ChildRow {
  customerId: number;
  classAArchiveNo?: string | null;
}

/** Records that belong to a customer: reading any field of one of an A-class archive is a confidential read. */
const CHILD_TYPES = ['Contact', 'Trade', 'Complaint', 'Visit', 'Survey'] as const;

/** The A-class archive a row of `type` belongs to, or null: what a read of it is recorded under. */
function classAArchiveOf(type: string, row: object | null): { id: number; archiveNo: string } | null {
  if (!row) return null;
  if (type === 'Customer') {
    const customer = row as CustomerRow;
    return customer.abcClass === 'A' ? { id: customer.id, archiveNo: customer.archiveNo } : null;
  }
  const child = row as ChildRow;
  return child.classAArchiveNo ? { id: child.customerId, archiveNo: child.classAArchiveNo } : null;
}

/**
 * Runs after shield allowed a field: masks contacts' personal data for roles that see it
 * masked, and notes confidential reads for 查阅登记: credit fields, and any field of an
 * A-class archive or of what belongs to one (its contacts, trades, complaints, visits and
 * change events), however it was reached (lists, lookups, node, relations, the feed).
 */
export function buildReadMiddleware() {
  const middleware: Record<string, Record<string, Middleware>> = {};
  const credit = new Set<string>(CREDIT_FIELDS);
  middleware.Customer = {};
  for (const field of [...FIELDS.Customer.public, ...CREDIT_FIELDS]) {
    middleware.Customer[field] = (resolve, parent, args, ctx, info) => {
      const row = parent as CustomerRow;
      if (credit.has(field)) ctx.reads.note(row.id, row.archiveNo, ReadKind.CREDIT_FIELDS, field);
      else if (row.abcClass === 'A') ctx.reads.note(row.id, row.archiveNo, ReadKind.A_CLASS_ARCHIVE, field);
      return resolve(parent, args, ctx, info);
    };
  }
  const noteChild = (ctx: Context, row: ChildRow, field: string) => {
    if (row.classAArchiveNo) ctx.reads.note(row.customerId, row.classAArchiveNo, ReadKind.A_CLASS_ARCHIVE, field);
  };
  for (const type of CHILD_TYPES) {
    middleware[type] = {};
    for (const field of FIELDS[type].public) {
      const noted = `${type}.${field}`;
      middleware[type][field] = (resolve, parent, args, ctx, info) => {
        noteChild(ctx, parent as ChildRow, noted);
        return resolve(parent, args, ctx, info);
      };
    }
  }
  for (const [field, mask] of Object.entries(FIELDS.Contact.personal ?? {})) {
    const noted = `Contact.${field}`;
    middleware.Contact[field] = (resolve, parent, args, ctx, info) => {
      noteChild(ctx, parent as ChildRow, noted);
      const view = personalView(ctx, parent as ChildRow);
      const value = resolve(parent, args, ctx, info);
      // Contact fields are plain columns: `value` is already there, no promise to wait for.
      if (view === 'full') return value;
      if (view !== 'masked' && view !== 'none') return view.then((v) => (v === 'masked' ? applyMask(value, mask) : value));
      return view === 'masked' ? applyMask(value, mask) : value;
    };
  }
  middleware.RecordChange = {};
  for (const field of FIELDS.RecordChange.public) {
    const noted = `RecordChange.${field}`;
    middleware.RecordChange[field] = (resolve, parent, args, ctx, info) => {
      const change = parent as ChangeRow;
      const archive = classAArchiveOf(change.recordType, change.record);
      if (archive) ctx.reads.note(archive.id, archive.archiveNo, ReadKind.A_CLASS_ARCHIVE, noted);
      return resolve(parent, args, ctx, info);
    };
  }
  return { ...middleware, ...creditOfOtherTypes() };
}

/**
 * Credit fields of records that belong to a customer (the limit a raise request replaces)
 * are credit reads of that customer's archive. The customer comes from the request's loader,
 * which the record's own customer field uses as well.
 */
/** Totals over many archives (src/stats): their service records every archive that contributed, in one statement. */
const AUDITED_BY_THEIR_SERVICE = new Set(['CustomerGroup', 'CustomerMeasures']);

function creditOfOtherTypes(): Record<string, Record<string, IMiddlewareResolver<unknown, Context>>> {
  const out: Record<string, Record<string, IMiddlewareResolver<unknown, Context>>> = {};
  for (const [type, spec] of Object.entries(FIELDS)) {
    if (type === 'Customer' || AUDITED_BY_THEIR_SERVICE.has(type) || !spec.credit?.length) continue;
    out[type] = Object.fromEntries(spec.credit.map((field): [string, IMiddlewareResolver<unknown, Context>] => [field, async (resolve, parent, args, ctx, info) => {
      const customer = await ctx.services.customers.load(ctx, (parent as { customerId: number }).customerId);
      if (customer) ctx.reads.note(customer.id, customer.archiveNo, ReadKind.CREDIT_FIELDS, `${type}.${field}`);
      return resolve(parent, args, ctx, info);
    }]));
  }
  return out;
}
