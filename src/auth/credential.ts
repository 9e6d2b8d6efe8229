import type { AuthFailure } from '../common/errors';
import type { Viewer } from './jwt';

const expired = (viewer: Viewer, now: number) => viewer.expiresAt != null && viewer.expiresAt <= now;

/**
 * Whether a caller authenticated earlier may still be served: a long-lived subscription
 * asks this again for each batch of events, and a WebSocket for each operation, so an
 * expired token or a revoked partner key stops service without waiting for the client to
 * reconnect. Only a partner key needs the database; a token's expiry is all there is to check.
 */
export async function credentialHolds(
  viewer: Viewer,
  keyIsActive: (id: number) => Promise<boolean>,
  now = Date.now(),
  hasLeft: (userId: number) => boolean = () => false,
): Promise<boolean> {
  if (expired(viewer, now)) return false;
  if (viewer.userId != null && hasLeft(viewer.userId)) return false;
  return viewer.partnerKeyId == null || keyIsActive(viewer.partnerKeyId);
}

/** Why a credential that no longer holds ended: its token expired, else its key was revoked. */
export const whyEnded = (viewer: Viewer, now = Date.now()): AuthFailure =>
  expired(viewer, now) ? 'EXPIRED' : 'REVOKED';
