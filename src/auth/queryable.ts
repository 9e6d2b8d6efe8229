import { forbidden } from '../common/errors';
import type { Viewer } from './jwt';
import { FIELDS } from './fields';
import { POLICY } from './policy';

/**
 * Filtering, sorting, grouping or totalling by a value is reading it (bisection recovers
 * it), so it is allowed by the field's read rule in fields.ts, as the role reads it on every
 * row: public fields; credit fields for roles that read credit; contacts' personal data for
 * roles that read it in full; restricted fields for their roles. Anything else is refused.
 */
export function mayQueryBy(viewer: Viewer, type: string, field: string): boolean {
  const spec = FIELDS[type];
  if (!spec) return false;
  if (spec.public.includes(field)) return true;
  if (spec.credit?.includes(field)) return viewer.roles.some((r) => POLICY[r].readsCredit);
  if (spec.personal && field in spec.personal) return viewer.roles.some((r) => POLICY[r].personalData === 'full');
  const roles = spec.restricted?.[field];
  return roles ? viewer.roles.some((r) => roles.includes(r)) : false;
}

/** FORBIDDEN naming the argument and the field, before anything is read. */
export function assertMayQueryBy(viewer: Viewer, type: string, field: string, argument: string): void {
  if (!mayQueryBy(viewer, type, field))
    throw forbidden(`${argument} uses ${type}.${field}, which your role may not read`);
}
