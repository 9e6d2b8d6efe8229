import type { IMiddlewareResolver } from 'graphql-middleware/dist/types';
import { ReadKind } from './read-kind';
import type { Context } from './context';
import { type GraphQLResolveInfo, type GraphQLSchema, isObjectType } from 'graphql';
import { fieldsReadOf } from '../common/selection';
import { CREDIT_FIELDS, FIELDS } from './fields';
import { applyMask, personalView } from './personal';
import { readableFields } from './readable-fields';

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
 * masked, and notes the confidential reads of change events (查阅登记). The reads of records
 * themselves are noted once per object (noteReadsOncePerObject below).
 */
export function buildReadMiddleware() {
  const middleware: Record<string, Record<string, Middleware>> = { Contact: {} };
  for (const [field, mask] of Object.entries(FIELDS.Contact.personal ?? {})) {
    if (mask === 'show') continue;
    middleware.Contact[field] = (resolve, parent, args, ctx, info) => {
      const view = personalView(ctx, parent as ChildRow);
      const value = resolve(parent, args, ctx, info);
      // Contact fields are plain columns: `value` is already there, no promise to wait for.
      if (view === 'full') return value;
      if (view !== 'masked' && view !== 'none')
        return view.then((v) => (v === 'masked' ? applyMask(value, mask) : value));
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
    out[type] = Object.fromEntries(
      spec.credit.map((field): [string, IMiddlewareResolver<unknown, Context>] => [
        field,
        async (resolve, parent, args, ctx, info) => {
          const customer = await ctx.services.customers.load(ctx, (parent as { customerId: number }).customerId);
          if (customer) ctx.reads.note(customer.id, customer.archiveNo, ReadKind.CREDIT_FIELDS, `${type}.${field}`);
          return resolve(parent, args, ctx, info);
        },
      ]),
    );
  }
  return out;
}
/**
 * Notes confidential reads for 查阅登记 once per object rather than once per field: credit
 * fields, and any field of an A-class archive or of what belongs to one (its contacts,
 * trades, complaints, visits, surveys), however it was reached (lists, lookups, node,
 * relations, the feed). The fields are those the request reads of the object that the
 * caller may read, by the rules shield applies to their values (readable-fields.ts).
 *
 * graphql-js calls a type's isTypeOf once for every object of that type it completes, with
 * the request's context and the field that returned it: the one per-object hook it has
 * (the schema's only abstract type, Node, resolves its types itself, so isTypeOf is never
 * asked to tell types apart). It answers true, after the notes.
 */
export function noteReadsOncePerObject(schema: GraphQLSchema): void {
  for (const type of ['Customer', ...CHILD_TYPES]) {
    const objectType = schema.getType(type);
    if (!isObjectType(objectType)) continue;
    const note = type === 'Customer' ? noteCustomer : noteChildOf(type);
    objectType.isTypeOf = (row, ctx: Context, info) => {
      const done = note(row as never, ctx, info);
      return done ? done.then(() => true) : true;
    };
  }
}

function noteCustomer(row: CustomerRow, ctx: Context, info: GraphQLResolveInfo): void {
  const asked = fieldsReadOf(info, 'Customer');
  const classA = row.abcClass === 'A';
  if (!classA && !asked.some((f) => CREDIT.has(f))) return;
  const readable = readableFields(ctx, 'Customer', row, asked) as string[];
  for (const field of readable) {
    if (CREDIT.has(field)) ctx.reads.note(row.id, row.archiveNo, ReadKind.CREDIT_FIELDS, field);
    else if (classA) ctx.reads.note(row.id, row.archiveNo, ReadKind.A_CLASS_ARCHIVE, field);
  }
}

const CREDIT = new Set<string>(CREDIT_FIELDS);

function noteChildOf(type: string) {
  const note = (row: ChildRow, ctx: Context, fields: string[]) => {
    for (const field of fields)
      ctx.reads.note(row.customerId, row.classAArchiveNo!, ReadKind.A_CLASS_ARCHIVE, `${type}.${field}`);
  };
  return (row: ChildRow, ctx: Context, info: GraphQLResolveInfo): Promise<void> | void => {
    if (!row.classAArchiveNo) return;
    // Personal fields count as read only where the caller's view of this contact shows them.
    const readable = readableFields(ctx, type, row, fieldsReadOf(info, type));
    if (readable instanceof Promise) return readable.then((fields) => note(row, ctx, fields));
    note(row, ctx, readable);
  };
}
