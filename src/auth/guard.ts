import type { Viewer } from './jwt';
import {
  KIND,
  POLICY,
  RECORD_KEYS,
  type RecordType,
  WRITE_FIELDS,
  type WriteAction,
  writeRule,
  type WriteRule,
} from './policy';
import type { Role } from './roles';
import { forbidden } from '../common/errors';

/** A field a write gives, and the group it is granted in. */
export interface Touch {
  field: string;
  group: string;
}

const GROUP_OF: Record<string, Map<string, string>> = Object.fromEntries(
  Object.entries(WRITE_FIELDS).map(([type, groups]) => [
    type,
    new Map(
      Object.entries(groups).flatMap(([group, fields]) =>
        (fields as readonly string[]).map((field): [string, string] => [field, group]),
      ),
    ),
  ]),
);

/**
 * The groups a write touches: one per field given (undefined is "not given"; null is given).
 * A trade's fields belong to its kind, and a trade write always touches its kinds: `kinds`
 * is the kind of a new trade, or the current kind and the new one of a changed trade.
 */
export function touches(type: RecordType, input: object, kinds: readonly string[] = []): Touch[] {
  // Each field once in its own group; only fields granted by a trade's kind can repeat (once per kind).
  const out: Touch[] = [];
  const seen = new Set<string>();
  const addKinds = (field: string) =>
    kinds.forEach((kind) => {
      const key = `${field}:${kind}`;
      if (!seen.has(key)) out.push({ field, group: kind });
      seen.add(key);
    });
  const given = input as Record<string, unknown>;
  for (const field of Object.keys(given)) {
    if (given[field] === undefined || RECORD_KEYS.includes(field)) continue;
    const group = GROUP_OF[type].get(field);
    if (!group) throw new Error(`${type}.${field} has no write group in src/auth/policy.ts WRITE_FIELDS`);
    if (group === KIND) addKinds(field);
    else out.push({ field, group });
  }
  if (type === 'Trade') addKinds(KIND);
  return out;
}

/** A customer as the write rules see it: who owns it. */
export interface Owned {
  ownerId: number | null;
}

/**
 * The caller's right to one write: the rules (one per role) that allow every field group it
 * touches. Each rule is taken whole: one role's customers are never combined with another
 * role's fields or people.
 */
export class WriteRight {
  constructor(
    readonly viewer: Viewer,
    private readonly rules: readonly WriteRule[],
  ) {}

  private allowing(customers: readonly Owned[]): WriteRule[] {
    const owns = (c: Owned) => c.ownerId !== null && c.ownerId === this.viewer.userId;
    return this.rules.filter((r) => r.customers === 'visible' || customers.every(owns));
  }

  /** Whether the write may be under these (visible) customers; when not, callers answer as for a missing one. */
  mayWriteUnder(...customers: Owned[]): boolean {
    return this.allowing(customers).length > 0;
  }

  /**
   * Throws FORBIDDEN when an employee field (owner, handler, visitor) names someone other
   * than the caller and no rule, under these customers, lets the caller act for others.
   */
  assertNames(customers: readonly Owned[], field: string, userId: number): void {
    if (userId === this.viewer.userId || this.allowing(customers).some((r) => r.people === 'anyone')) return;
    throw forbidden(`${field} may name only you: your role records work in its own name, not another employee's`);
  }
}

/**
 * Throws FORBIDDEN naming the fields refused unless one of the caller's roles may give all
 * of `touched` on this action; the refusal comes before anything is read or written.
 */
export function assertMayWrite(
  viewer: Viewer,
  type: RecordType,
  action: WriteAction,
  touched: readonly Touch[],
): WriteRight {
  const refusals: Touch[][] = [];
  const rules: WriteRule[] = [];
  for (const role of viewer.roles) {
    const r = writeRule(role, type) as WriteRule | undefined;
    if (!r || r[action].length === 0) continue;
    const allowed = r[action] as readonly string[];
    const refused = touched.filter((t) => !allowed.includes(t.group));
    if (refused.length === 0) rules.push(r);
    else refusals.push(refused);
  }
  if (rules.length > 0) return new WriteRight(viewer, rules);
  if (refusals.length === 0) throw forbidden(`your role may not ${action} ${type} records`);
  const fewest = refusals.reduce((a, b) => (b.length < a.length ? b : a));
  const named = [...new Set(fewest.map((t) => (t.group === t.field ? t.field : `${t.field} (${t.group})`)))];
  throw forbidden(`your role may not ${action} ${type} with ${named.join(', ')}`);
}

/**
 * The caller's right under those of its `type` rules that allow `action` with at least one
 * of `groups` (for steps that are part of that work without writing its fields, such as
 * asking for a credit decision); FORBIDDEN naming `what` when none does.
 */
export function assertMayWriteOneOf(
  viewer: Viewer,
  type: RecordType,
  action: WriteAction,
  groups: readonly string[],
  what: string,
): WriteRight {
  const rules = viewer.roles
    .map((role) => writeRule(role, type) as WriteRule | undefined)
    .filter((r): r is WriteRule => !!r && (r[action] as readonly string[]).some((g) => groups.includes(g)));
  if (rules.length === 0) throw forbidden(`your role may not ${what}`);
  return new WriteRight(viewer, rules);
}

/** Throws FORBIDDEN unless the caller holds one of `roles` (e.g. GRANT_DECIDERS from policy.ts). */
export function assertAnyRole(viewer: Viewer, roles: readonly Role[], what: string): void {
  if (!viewer.roles.some((role) => roles.includes(role))) throw forbidden(`your role may not ${what}`);
}

/** Whether one of the caller's roles reads credit fields. */
export const readsCredit = (viewer: Viewer): boolean => viewer.roles.some((role) => POLICY[role].readsCredit);

/**
 * Searching or sorting by a value is reading it (bisection recovers it), so filters and sort
 * keys over contacts' personal data are for roles that read it in full everywhere.
 */
export function assertMayQueryPersonal(viewer: Viewer, argument: string): void {
  if (!viewer.roles.some((role) => POLICY[role].personalData === 'full')) {
    throw forbidden(`${argument} uses contacts' personal data, which your role cannot read in full`);
  }
}
