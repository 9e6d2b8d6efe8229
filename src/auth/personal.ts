import type { Context } from './context';
import type { Mask } from './fields';
import { POLICY } from './policy';

/** How one caller sees one contact's personal data. */
export type PersonalView = 'full' | 'masked' | 'none';

const RANK = { none: 0, masked: 1, own: 2, full: 3 } as const;
const views = new WeakMap<Context, WeakMap<object, Promise<PersonalView>>>();

/** The view every role of the caller agrees on, or 'own' when it depends on the contact's owner. */
function roleView(ctx: Context): keyof typeof RANK {
  return ctx.viewer.roles
    .map((r) => POLICY[r].personalData)
    .reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'none' as keyof typeof RANK);
}

async function ownerView(ctx: Context, contact: { customerId: number }): Promise<PersonalView> {
  // A sales rep sees its own customers' contacts in full, everyone else's masked.
  const customer = await ctx.services.customers.load(ctx, contact.customerId);
  return customer && customer.ownerId !== null && customer.ownerId === ctx.viewer.userId ? 'full' : 'masked';
}

/**
 * How this caller sees this contact. Synchronous unless it depends on who owns the
 * customer (sales reps), so the common case adds no promise per field. Memoized per request.
 */
export function personalView(ctx: Context, contact: { customerId: number }): PersonalView | Promise<PersonalView> {
  const view = roleView(ctx);
  if (view !== 'own') return view;
  let perRequest = views.get(ctx);
  if (!perRequest) views.set(ctx, (perRequest = new WeakMap()));
  let owned = perRequest.get(contact);
  if (!owned) perRequest.set(contact, (owned = ownerView(ctx, contact)));
  return owned;
}

/** True when this view may read a field of this mask at all (masked or not). */
export const mayRead = (view: PersonalView, mask: Mask) => view === 'full' || (view === 'masked' && mask !== 'hide');

/** `138****1234`, `z***@example.com`, `王**`, year only; keeps enough to recognise, not to use. */
export function applyMask(value: unknown, mask: Mask): unknown {
  if (typeof value !== 'string' || value.length === 0) return value;
  switch (mask) {
    case 'name':
      return value[0] + '*'.repeat(Math.max(1, [...value].length - 1));
    case 'phone':
      return value.length > 7 ? `${value.slice(0, 3)}****${value.slice(-4)}` : `****${value.slice(-2)}`;
    case 'email': {
      const at = value.indexOf('@');
      return at > 0 ? `${value[0]}***${value.slice(at)}` : '***';
    }
    case 'handle':
      return `${value.slice(0, 2)}***`;
    case 'year':
      return value.slice(0, 4);
    case 'show':
      return value;
    case 'hide':
      return null;
  }
}
