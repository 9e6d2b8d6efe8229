import type { Viewer } from './jwt';

/**
 * Whether a caller authenticated earlier may still be served: a long-lived subscription
 * asks this again for each batch of events, so an expired token or a revoked partner key
 * stops delivery without waiting for the client to reconnect. Answered at once for a token
 * (its expiry is all there is to check); only a partner key needs the database.
 */
export function credentialHolds(viewer: Viewer, keyIsActive: (id: number) => Promise<boolean>, now = Date.now()): boolean | Promise<boolean> {
  if (viewer.expiresAt != null && viewer.expiresAt <= now) return false;
  return viewer.partnerKeyId == null || keyIsActive(viewer.partnerKeyId);
}
