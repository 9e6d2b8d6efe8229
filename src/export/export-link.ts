import crypto from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Viewer } from '../auth/jwt';
import type { Role } from '../auth/roles';
import type { ExportSpec } from './export.service';

/** How long a download link works: long enough to click, short enough not to be shared around. */
export const LINK_SECONDS = 300;

export type OpenedLink = { viewer: Viewer; spec: ExportSpec } | { failure: 'EXPIRED' | 'INVALID' };

/**
 * Download links of exports (exportCustomers, exportContacts, exportTrades): a short-lived token signed with a key derived
 * from ID_SECRET (every instance sharing the database shares it, so any of them serves the
 * link), carrying who asked and what. The file is made when the link is opened, streamed
 * from the database, as that caller, after checking that the caller's credential still holds.
 */
export class ExportLinks {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = crypto.createHmac('sha256', secret).update('export-link').digest();
  }

  async mint(viewer: Viewer, spec: ExportSpec): Promise<{ url: string; expiresAt: Date }> {
    const now = Math.floor(this.now() / 1000);
    // Never outlives the caller's own token.
    const exp = Math.min(now + LINK_SECONDS, viewer.expiresAt ? Math.floor(viewer.expiresAt / 1000) : Infinity);
    const token = await new SignJWT({
      roles: viewer.roles,
      uid: viewer.userId,
      pk: viewer.partnerKeyId ?? null,
      spec: { ...spec },
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(viewer.subject)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setAudience('export')
      .sign(this.key);
    return { url: `/exports/${token}`, expiresAt: new Date(exp * 1000) };
  }

  async open(token: string): Promise<OpenedLink> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        audience: 'export',
        currentDate: new Date(this.now()),
      });
      const viewer: Viewer = {
        subject: payload.sub!,
        roles: payload.roles as Role[],
        userId: (payload.uid as number | null) ?? null,
        partnerKeyId: (payload.pk as number | null) ?? null,
        expiresAt: payload.exp! * 1000,
      };
      return { viewer, spec: payload.spec as ExportSpec };
    } catch (err) {
      return { failure: (err as { code?: string }).code === 'ERR_JWT_EXPIRED' ? 'EXPIRED' : 'INVALID' };
    }
  }
}
