import type { Context } from './context';
import { FIELDS, type Mask } from './fields';
import { mayRead, personalView, type PersonalView } from './personal';
import { POLICY } from './policy';
import type { Role } from './roles';

type Rule = 'public' | 'credit' | { mask: Mask } | { roles: readonly Role[] };

/** Per type, field name → how it may be read: the table of fields.ts, indexed once. */
const RULES = new Map<string, Map<string, Rule>>(
  Object.entries(FIELDS).map(([type, spec]) => [
    type,
    new Map<string, Rule>([
      ...spec.public.map((f) => [f, 'public'] as const),
      ...(spec.credit ?? []).map((f) => [f, 'credit'] as const),
      ...Object.entries(spec.personal ?? {}).map(([f, mask]) => [f, { mask }] as const),
      ...Object.entries(spec.restricted ?? {}).map(([f, roles]) => [f, { roles }] as const),
    ]),
  ]),
);

/**
 * The API field a stored property stands for: itself, or the relation behind a foreign key
 * (`ownerId` → `owner`). Null for columns the API does not show.
 */
export function fieldOf(type: string, property: string): string | null {
  const rules = RULES.get(type);
  if (rules?.has(property)) return property;
  const relation = property.endsWith('Id') ? property.slice(0, -2) : null;
  return relation && rules?.has(relation) ? relation : null;
}

/**
 * Of some fields of one row of `type`, those this caller may read: the rules shield applies
 * to the values (credit fields, personal data as the caller's view of this row shows it,
 * restricted fields), applied to the names. A name without a rule is left out, as shield
 * denies its value by default.
 */
export function readableFields(
  ctx: Context,
  type: string,
  row: object,
  fields: readonly string[],
): string[] | Promise<string[]> {
  const rules = RULES.get(type);
  if (!rules) return [];
  const readsCredit = ctx.viewer.roles.some((r) => POLICY[r].readsCredit);
  const readable = (field: string, view: PersonalView) => {
    const rule = rules.get(field);
    if (rule === undefined) return false;
    if (rule === 'public') return true;
    if (rule === 'credit') return readsCredit;
    if ('roles' in rule) return ctx.viewer.roles.some((r) => rule.roles.includes(r));
    return mayRead(view, rule.mask);
  };
  const pick = (view: PersonalView) => fields.filter((f) => readable(f, view));
  // The caller's view of the row is only asked for when a personal field is among them.
  const personal = fields.some((f) => {
    const rule = rules.get(f);
    return typeof rule === 'object' && 'mask' in rule;
  });
  if (!personal) return pick('none');
  // Personal data is a contact's, and a contact row carries its customerId.
  const view = personalView(ctx, row as { customerId: number });
  return view instanceof Promise ? view.then(pick) : pick(view);
}
