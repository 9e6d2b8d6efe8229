import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Node } from '../common/base.entity';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';
import { cursorOf } from '../changes/hydrate';

export enum DeliveryOutcome {
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(DeliveryOutcome, {
  name: 'WebhookDeliveryOutcome',
  description: 'DELIVERED: the receiver answered 2xx; FAILED: anything else',
});

/**
 * The delivery log: one row per attempt to deliver one event to one webhook. Kept as long as
 * change events are (CHANGE_RETENTION_DAYS).
 */
@ObjectType({ implements: Node, description: 'One attempt to deliver one change to a webhook.' })
@Entity()
@Index(['webhookId', 'id'])
@Index('ix_webhook_delivery_attempted_at', ['attemptedAt'])
export class WebhookDelivery extends Node {
  @Column({ type: 'int' }) webhookId: number;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  seq: number;
  @Field(() => Int, { description: 'Which attempt at this event (1 for the first).' })
  @Column({ type: 'int' })
  attempt: number;
  @Field(() => DeliveryOutcome) @EnumColumn() outcome: DeliveryOutcome;
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when there was no answer." })
  @Column({ type: 'int', nullable: true })
  httpStatus: number | null;
  @Field(() => String, { nullable: true }) @TextColumn(500, { nullable: true }) error: string | null;
  @Field(() => Int) @Column({ type: 'int' }) durationMs: number;
  @Field() @TimeColumn() attemptedAt: Date;

  @Field({ description: "The change's cursor: the `webhook-id` header, the receiver's idempotency key." })
  get eventCursor(): string {
    return cursorOf(this.seq);
  }
}
