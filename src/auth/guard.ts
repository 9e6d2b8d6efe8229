import type { Viewer } from './jwt';
import { POLICY, RecordType } from './policy';
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
