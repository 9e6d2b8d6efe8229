import crypto from 'node:crypto';
import DataLoader from 'dataloader';
import { type DataSource, IsNull, type Repository } from 'typeorm';
import type { Authenticated, Viewer } from '../auth/jwt';
import { PARTNER_KEY_ADMINS } from '../auth/policy';
import { type Page, type PageArgs } from '../common/connection';
import { forbidden, notFound } from '../common/errors';
import { idOrNull } from '../common/global-id';
import { paginate } from '../common/paging';
import { touched } from '../db/timestamps';
import { writeTransaction } from '../db/transaction';
import { PartnerKey } from './partner-key.entity';

/** The caller a partner key stands for: its requests, subscriptions and webhooks act as this viewer. */
export const partnerViewer = (keyId: number): Viewer => ({
  userId: null,
  subject: `partner-key:${keyId}`,
  roles: ['partner'],
  partnerKeyId: keyId,
});

const KEY = /^cak_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export class PartnerKeyService {
  private readonly repo: Repository<PartnerKey>;
  constructor(private readonly ds: DataSource) {
    this.repo = ds.getRepository(PartnerKey);
  }

  private assertAdmin(viewer: Viewer): void {
    if (!viewer.roles.some((r) => PARTNER_KEY_ADMINS.includes(r)))
      throw forbidden('partner keys are managed by general_manager and archive_admin');
  }

  /** Returns the key in clear exactly once; afterwards only its prefix is known. */
  async create(viewer: Viewer, name: string): Promise<{ key: string; partnerKey: PartnerKey }> {
    this.assertAdmin(viewer);
    const prefix = crypto
      .randomBytes(9)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 12);
    const secret = crypto.randomBytes(32).toString('base64url');
    const id = await writeTransaction(this.ds, async (em) => {
      const inserted = await em
        .getRepository(PartnerKey)
        .insert({ name: name.trim(), prefix, secretHash: sha256(secret), createdById: viewer.userId });
      return inserted.identifiers[0].id as number;
    });
    return { key: `cak_${prefix}_${secret}`, partnerKey: await this.repo.findOneByOrFail({ id }) };
  }

  async revoke(viewer: Viewer, globalId: string): Promise<PartnerKey> {
    this.assertAdmin(viewer);
    const id = idOrNull(globalId, 'PartnerKey');
    const key = id ? await this.repo.findOneBy({ id }) : null;
    if (!key) throw notFound('PartnerKey');
    if (!key.revokedAt)
      await writeTransaction(this.ds, (em) =>
        em.getRepository(PartnerKey).update(key.id, touched(em, { revokedAt: new Date() })),
      );
    return this.repo.findOneByOrFail({ id: key.id });
  }

  list(viewer: Viewer, page: PageArgs): Promise<Page<PartnerKey>> {
    this.assertAdmin(viewer);
    return paginate(
      this.repo.createQueryBuilder('p'),
      'p',
      { key: { property: 'id', kind: 'number' }, direction: 'DESC' },
      page,
    );
  }

  /** The caller behind an API key; an unknown key and a revoked one are refused alike. */
  async verify(key: string): Promise<Authenticated> {
    const match = KEY.exec(key);
    if (!match) return { failure: 'MALFORMED' };
    const row = await this.repo.findOneBy({ prefix: match[1], revokedAt: IsNull() });
    if (!row) return { failure: 'REVOKED' };
    const given = Buffer.from(sha256(match[2]), 'hex');
    if (!crypto.timingSafeEqual(given, Buffer.from(row.secretHash, 'hex'))) return { failure: 'REVOKED' };
    return { viewer: partnerViewer(row.id) };
  }

  /**
   * The checks asked in one tick go out as one query: at each batch of events every
   * subscribed partner app asks about its own key, and a thousand apps would otherwise be a
   * thousand queries per batch. It caches nothing, so a revocation counts from the next batch.
   */
  private readonly activeChecks = new DataLoader<number, boolean>(
    async (ids) => {
      const rows = await this.repo
        .createQueryBuilder('k')
        .select('k.id', 'id')
        .where('k.id IN (:...ids) AND k.revokedAt IS NULL', { ids: [...ids] })
        .getRawMany<{ id: number | string }>();
      const active = new Set(rows.map((r) => Number(r.id)));
      return ids.map((id) => active.has(id));
    },
    { cache: false },
  );

  /** False once the key is revoked: open subscriptions check this for each batch of events. */
  isActive(id: number): Promise<boolean> {
    return this.activeChecks.load(id);
  }
}
