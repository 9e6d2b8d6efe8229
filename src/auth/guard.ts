import type { Viewer } from './jwt';
import { POLICY, RecordType } from './policy';
import type { Role } from './roles';
import { forbidden } from '../common/errors';

/** Throws FORBIDDEN unless one of the caller's roles may write this record type. */
export function assertMayWrite(viewer: Viewer, type: RecordType): void {
  if (!viewer.roles.some((role) => POLICY[role].writes.includes(type))) {
    throw forbidden(`your role may not create or change ${type} records`);
  }
}

/** True when writes are limited to the caller's own customers (a sales rep's). */
export function writesOwnOnly(viewer: Viewer, type: RecordType): boolean {
  return viewer.roles.filter((role) => POLICY[role].writes.includes(type)).every((role) => POLICY[role].writesOwnOnly);
}

/** Throws FORBIDDEN unless the caller holds one of `roles` (e.g. GRANT_DECIDERS from policy.ts). */
export function assertAnyRole(viewer: Viewer, roles: readonly Role[], what: string): void {
  if (!viewer.roles.some((role) => roles.includes(role))) throw forbidden(`your role may not ${what}`);
}

/**
 * Searching or sorting by a value is reading it (bisection recovers it), so filters and sort
 * keys over contacts' personal data are for roles that read it in full everywhere.
 */
export function assertMayQueryPersonal(viewer: Viewer, argument: string): void {
  if (!viewer.roles.some((role) => POLICY[role].personalData === 'full')) {
    throw forbidden(`${argument} uses contacts' personal data, which your role cannot read in full`);
  }
}

/** Credit settings are written only by roles that may read them. */
export function assertMayWriteCredit(viewer: Viewer, fields: string[]): void {
  if (fields.length > 0 && !viewer.roles.some((role) => POLICY[role].readsCredit)) {
    throw forbidden(`${fields.join(', ')}: credit settings are for finance and management`);
  }
}
