import type { Viewer } from './jwt';
import { rulesDependOnUser } from './policy';

/**
 * Viewers with equal keys get identical answers to the same selection, so one answer can be
 * computed for all of them (the change feed's groups). The key names what the policy says
 * answers depend on (POLICY_DEPENDS_ON): the roles, and the employee when a rule of one of
 * them is per employee (grants, own customers). Read-audit rows are not part of the answer:
 * they are written per viewer.
 */
export function viewKey(viewer: Viewer): string {
  const roles = [...new Set(viewer.roles)].sort();
  return `${roles.join(',')}|${roles.some(rulesDependOnUser) ? `user:${viewer.userId}` : ''}`;
}
