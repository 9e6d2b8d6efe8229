import { type DataSource, type Repository } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { PARTNER_KEY_ADMINS } from '../auth/policy';
import type { ChangeFeedService } from '../changes/change-feed.service';
import { type Page, type PageArgs } from '../common/connection';
import { badInput, conflict, forbidden, notFound } from '../common/errors';
import { expectId } from '../common/global-id';
import { paginate } from '../common/paging';
import { writeTransaction } from '../db/transaction';
import { PartnerKey } from '../partners/partner-key.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { newSecret, sealSecret } from './webhook-secret';
import { checkReceiverUrl } from './webhook-url';
import { Webhook, WebhookStopReason } from './webhook.entity';
import type { CreateWebhookInput } from './webhook.types';

/** Webhooks one partner key may have: each is a worker and a stream of POSTs. */
export const MAX_WEBHOOKS_PER_KEY = 10;

export interface WebhookRules {
  /** WEBHOOK_ALLOW_PRIVATE: receivers on loopback and private addresses (development and tests). */
  allowPrivate: boolean;
  /** The clock of next attempts (tests move it). */
  now: () => number;
}

/**
 * Registering and managing webhooks. A partner app manages its own key's webhooks (it must
 * call with its API key: a webhook acts as that key); partner-key admins manage anyone's.
 * Another partner's webhook behaves as one that does not exist.
 */
export class WebhookService {
  private readonly repo: Repository<Webhook>;

  constructor(
    private readonly ds: DataSource,
    private readonly feed: ChangeFeedService,
    private readonly rules: WebhookRules,
  ) {
    this.repo = ds.getRepository(Webhook);
  }

  /** The partner key whose webhooks `viewer` manages, or null for an admin (all of them). */
  private keyOf(viewer: Viewer): number | null {
    if (viewer.roles.some((r) => PARTNER_KEY_ADMINS.includes(r))) return null;
    if (viewer.partnerKeyId != null) return viewer.partnerKeyId;
    throw forbidden('webhooks belong to a partner API key: call with Authorization: ApiKey <key>');
  }

  async create(viewer: Viewer, input: CreateWebhookInput): Promise<{ secret: string; webhook: Webhook }> {
    const own = this.keyOf(viewer);
    const keyId = await this.ownerKey(own, input.partnerKeyId);
    const url = checkReceiverUrl(input.url, this.rules.allowPrivate);
    const from = input.after != null ? await this.feed.resumeFrom(input.after) : await this.feed.head();
    const secret = newSecret();
    const id = await writeTransaction(this.ds, async (em) => {
      const count = await em.getRepository(Webhook).countBy({ partnerKeyId: keyId });
      if (count >= MAX_WEBHOOKS_PER_KEY)
        throw conflict(`A partner key has at most ${MAX_WEBHOOKS_PER_KEY} webhooks: delete one first.`);
      const inserted = await em.getRepository(Webhook).insert({
        partnerKeyId: keyId,
        url,
        recordTypes: [...new Set(input.types ?? [])].join(','),
        secretBox: sealSecret(secret),
        deliveredSeq: from,
        failures: 0,
        nextAttemptAt: new Date(this.rules.now()),
        createdById: viewer.userId,
      });
      return inserted.identifiers[0].id as number;
    });
    return { secret, webhook: await this.repo.findOneByOrFail({ id }) };
  }

  /** The key a new webhook belongs to: the caller's own, or (admins) the one named, unrevoked. */
  private async ownerKey(own: number | null, named: string | undefined): Promise<number> {
    if (own !== null) {
      if (named != null && expectId(named, 'PartnerKey', 'partnerKeyId') !== own) throw notFound('PartnerKey');
      return own;
    }
    if (named == null) throw badInput('partnerKeyId', 'required: name the partner key the webhook is for');
    const key = await this.ds
      .getRepository(PartnerKey)
      .findOneBy({ id: expectId(named, 'PartnerKey', 'partnerKeyId') });
    if (!key) throw notFound('PartnerKey');
    if (key.revokedAt) throw conflict('This partner key is revoked: a webhook of it would never deliver.');
    return key.id;
  }

  list(viewer: Viewer, page: PageArgs): Promise<Page<Webhook>> {
    const own = this.keyOf(viewer);
    const qb = this.repo.createQueryBuilder('w');
    if (own !== null) qb.where('w.partnerKeyId = :own', { own });
    return paginate(qb, 'w', { key: { property: 'id', kind: 'number' }, direction: 'DESC' }, page);
  }

  /** One of the caller's webhooks; NOT_FOUND for any other. */
  async get(viewer: Viewer, globalId: string): Promise<Webhook> {
    const own = this.keyOf(viewer);
    const webhook = await this.repo.findOneBy({ id: expectId(globalId, 'Webhook') });
    if (!webhook || (own !== null && webhook.partnerKeyId !== own)) throw notFound('Webhook');
    return webhook;
  }

  /** Deletes it with its delivery log; a POST under way may still arrive. */
  async delete(viewer: Viewer, globalId: string): Promise<string> {
    const webhook = await this.get(viewer, globalId);
    await writeTransaction(this.ds, async (em) => {
      await em.getRepository(WebhookDelivery).delete({ webhookId: webhook.id });
      await em.getRepository(Webhook).delete({ id: webhook.id });
    });
    return globalId;
  }

  /**
   * Delivers again from `after` (or, after CURSOR_EXPIRED, from a fresh cursor): the cursor
   * is set there, failures and a stop are cleared, and the lease is taken back so whichever
   * instance delivers next starts from it. A POST under way may still arrive once.
   */
  async replay(viewer: Viewer, globalId: string, after: string): Promise<Webhook> {
    const webhook = await this.get(viewer, globalId);
    if (webhook.stoppedReason === WebhookStopReason.KEY_REVOKED)
      throw conflict('This webhook stopped for good: its partner key was revoked.');
    const seq = await this.feed.resumeFrom(after);
    await writeTransaction(this.ds, (em) =>
      em.getRepository(Webhook).update(webhook.id, {
        deliveredSeq: seq,
        failures: 0,
        lastError: null,
        stoppedReason: null,
        nextAttemptAt: new Date(this.rules.now()),
        leaseOwner: null,
        leaseUntil: null,
      }),
    );
    return this.repo.findOneByOrFail({ id: webhook.id });
  }

  async deliveries(viewer: Viewer, webhookId: string, page: PageArgs): Promise<Page<WebhookDelivery>> {
    const webhook = await this.get(viewer, webhookId);
    const qb = this.ds
      .getRepository(WebhookDelivery)
      .createQueryBuilder('d')
      .where('d.webhookId = :id', { id: webhook.id });
    return paginate(qb, 'd', { key: { property: 'id', kind: 'number' }, direction: 'DESC' }, page);
  }
}
