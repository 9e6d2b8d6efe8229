import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { Node } from '../common/base.entity';
import { toGlobalId } from '../common/global-id';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';
import { cursorOf } from '../changes/hydrate';
import { RecordTypeName } from '../changes/record-change.types';

/** Why a webhook no longer delivers until someone acts (stored as the value). */
export enum WebhookStopReason {
  /** Its partner key was revoked: it never delivers again. */
  KEY_REVOKED = 'KEY_REVOKED',
  /** Its receiver was down longer than CHANGE_RETENTION_DAYS: events it had not got are gone. Resync, then replayWebhook. */
  CURSOR_EXPIRED = 'CURSOR_EXPIRED',
  /** Its cursor is past the newest event (the database went back). Resync, then replayWebhook. */
  CURSOR_UNKNOWN = 'CURSOR_UNKNOWN',
}
registerEnumType(WebhookStopReason, { name: 'WebhookStopReason', description: 'Why a webhook stopped delivering' });

export enum WebhookStatus {
  ACTIVE = 'ACTIVE',
  RETRYING = 'RETRYING',
  STOPPED = 'STOPPED',
}
registerEnumType(WebhookStatus, {
  name: 'WebhookStatus',
  description:
    'ACTIVE: delivering (or caught up); RETRYING: its receiver failed the last attempt, tried again at nextAttemptAt; STOPPED: see stoppedReason',
});

/**
 * A partner app's receiver of the change feed. `deliveredSeq` is its cursor: every event up
 * to it that the partner may see was acknowledged by the receiver (2xx), or was none of its
 * business. The lease columns say which API instance delivers it now (webhook-lease.ts).
 */
@ObjectType({
  implements: Node,
  description: "A URL that gets the change feed of a partner app, signed, in commit order (see the README's Webhooks).",
})
@Entity()
@Index('ix_webhook_due', ['nextAttemptAt'])
@Index('ix_webhook_partner_key', ['partnerKeyId', 'id'])
export class Webhook extends Node {
  @Column({ type: 'int' }) partnerKeyId: number;
  @Field() @TextColumn(2000) url: string;
  /** Record types, comma-separated; empty for every type. */
  @TextColumn(200) recordTypes: string;
  /** The signing secret, encrypted (webhook-secret.ts). */
  @TextColumn(200) secretBox: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  deliveredSeq: number;
  @Field(() => Int, { description: 'Failed attempts in a row at the event it is on.' })
  @Column({ type: 'int', default: 0 })
  failures: number;
  @Field({ description: 'Not before this time is the next attempt made (later when it is stopped).' })
  @TimeColumn()
  nextAttemptAt: Date;
  @Field(() => String, { nullable: true, description: 'What went wrong at the last failed attempt.' })
  @TextColumn(500, { nullable: true })
  lastError: string | null;
  @Field(() => WebhookStopReason, { nullable: true })
  @EnumColumn({ nullable: true })
  stoppedReason: WebhookStopReason | null;
  @TextColumn(64, { nullable: true }) leaseOwner: string | null;
  @TimeColumn({ nullable: true }) leaseUntil: Date | null;
  @Column({ type: 'int', nullable: true }) createdById: number | null;
  @Field() @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;

  @Field(() => [RecordTypeName], { description: 'Record types it gets; empty: every type.' })
  get types(): RecordTypeName[] {
    return this.recordTypes ? (this.recordTypes.split(',') as RecordTypeName[]) : [];
  }

  @Field(() => ID, { description: 'The partner key it belongs to (PartnerKey id).' })
  get partnerKey(): string {
    return toGlobalId('PartnerKey', this.partnerKeyId);
  }

  @Field({ description: 'Where it stands in the change feed: pass to replayWebhook to deliver again from here.' })
  get cursor(): string {
    return cursorOf(this.deliveredSeq);
  }

  @Field(() => WebhookStatus)
  get status(): WebhookStatus {
    if (this.stoppedReason) return WebhookStatus.STOPPED;
    return this.failures > 0 ? WebhookStatus.RETRYING : WebhookStatus.ACTIVE;
  }
}
