import type { IMiddlewareResolver } from 'graphql-middleware/dist/types';
import { ReadKind } from '../audit/read-audit.entity';
import type { Customer } from '../customers/customer.entity';
import type { Context } from '../server/context';
import { CREDIT_FIELDS, FIELDS } from './fields';
import { applyMask, personalView } from './personal';

/**
 * Runs after shield allowed a field: masks contacts' personal data for roles that see it
 * masked, and notes confidential reads (A-class archives, credit fields) for 查阅登记.
 */
export function buildReadMiddleware() {
  const contact: Record<string, IMiddlewareResolver<unknown, Context>> = {};
  for (const [field, mask] of Object.entries(FIELDS.Contact.personal ?? {})) {
    contact[field] = (resolve, parent, args, ctx, info) => {
      const view = personalView(ctx, parent as { customerId: number });
      const value = resolve(parent, args, ctx, info);
      // Contact fields are plain columns: `value` is already there, no promise to wait for.
      if (view === 'full') return value;
      if (view !== 'masked' && view !== 'none') return view.then((v) => (v === 'masked' ? applyMask(value, mask) : value));
      return view === 'masked' ? applyMask(value, mask) : value;
    };
  }
  const credit = new Set<string>(CREDIT_FIELDS);
  const customer: Record<string, IMiddlewareResolver<unknown, Context>> = {};
  for (const field of [...FIELDS.Customer.public, ...CREDIT_FIELDS]) {
    customer[field] = (resolve, parent, args, ctx, info) => {
      const row = parent as Customer;
      if (credit.has(field)) ctx.reads.note(row, ReadKind.CREDIT_FIELDS, field);
      else if (row.abcClass === 'A') ctx.reads.note(row, ReadKind.A_CLASS_ARCHIVE, field);
      return resolve(parent, args, ctx, info);
    };
  }
  return { Contact: contact, Customer: customer, ...creditOfOtherTypes() };
}

/**
 * Credit fields of records that belong to a customer (the limit a raise request replaces)
 * are credit reads of that customer's archive. The customer comes from the request's loader,
 * which the record's own customer field uses as well.
 */
function creditOfOtherTypes(): Record<string, Record<string, IMiddlewareResolver<unknown, Context>>> {
  const out: Record<string, Record<string, IMiddlewareResolver<unknown, Context>>> = {};
  for (const [type, spec] of Object.entries(FIELDS)) {
    if (type === 'Customer' || !spec.credit?.length) continue;
    out[type] = Object.fromEntries(spec.credit.map((field): [string, IMiddlewareResolver<unknown, Context>] => [field, async (resolve, parent, args, ctx, info) => {
      const customer = await ctx.services.customers.load(ctx, (parent as { customerId: number }).customerId);
      if (customer) ctx.reads.note(customer, ReadKind.CREDIT_FIELDS, `${type}.${field}`);
      return resolve(parent, args, ctx, info);
    }]));
  }
  return out;
}
