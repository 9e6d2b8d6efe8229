import { scopeKey } from '../customers/customer.scope';
import type { Viewer } from './jwt';
import { POLICY } from './policy';

/**
 * Viewers with equal keys get identical answers to the same selection: the same fields
 * allowed (roles), the same rows (scope key) and the same masking, which depends on the
 * user only for roles that see their own customers' contacts in full. Read-audit rows
 * are not part of the answer: they are written per viewer.
 */
export function viewKey(viewer: Viewer): string {
  const roles = [...new Set(viewer.roles)].sort().join(',');
  const byOwner = viewer.roles.some((role) => POLICY[role].personalData === 'own');
  return `${roles}|${scopeKey(viewer)}|${byOwner ? `owner:${viewer.userId}` : ''}`;
}
