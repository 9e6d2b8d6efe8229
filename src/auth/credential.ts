import type { Viewer } from './jwt';

/**
 * Whether a caller authenticated earlier may still be served: a long-lived subscription
 * asks this again for each batch of events, so an expired token or a revoked partner key
 * stops delivery without waiting for the client to reconnect.
 */
export async function credentialHolds(viewer: Viewer, keyIsActive: (id: number) => Promise<boolean>, now = Date.now()): Promise<boolean> {
  if (viewer.expiresAt != null && viewer.expiresAt <= now) return false;
  return viewer.partnerKeyId == null || keyIsActive(viewer.partnerKeyId);
}
