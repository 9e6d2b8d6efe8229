import { ArgsType, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Connection, PageArgs } from '../common/connection';
import { IsCursor, IsId, IsLine } from '../common/validators';
import { RecordTypeName } from '../changes/record-change.types';
import { MAX_URL_LENGTH } from './webhook-url';
import { WebhookDelivery } from './webhook-delivery.entity';
import { Webhook } from './webhook.entity';

@ObjectType()
export class WebhookConnection extends Connection(Webhook) {}

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

@ObjectType({ description: 'A new webhook: `secret` is shown this once and never again.' })
export class NewWebhook {
  @Field({
    description: "The signing secret (whsec_…): check each delivery's webhook-signature with it (Standard Webhooks).",
  })
  secret: string;
  @Field(() => Webhook) webhook: Webhook;
}

@InputType()
export class CreateWebhookInput {
  @Field({ description: 'http(s) URL that gets a POST per change. In production not a loopback or private address.' })
  @IsLine(MAX_URL_LENGTH)
  url: string;

  @Field(() => [RecordTypeName], {
    nullable: true,
    description: 'Only changes of these record types; every type when empty or not given.',
  })
  @IsOptional()
  @ArrayMaxSize(7)
  types?: RecordTypeName[];

  @Field(() => ID, {
    nullable: true,
    description:
      "The partner key whose webhook it is: required from partner-key admins; a partner app's webhook is always its own key's.",
  })
  @IsOptional()
  @IsId()
  partnerKeyId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Deliver the changes after this cursor; from now (changesHead) when not given.',
  })
  @IsOptional()
  @IsCursor()
  after?: string;
}

@ArgsType()
export class ReplayWebhookArgs {
  @Field(() => ID) @IsId() id: string;
  @Field({
    description:
      "Deliver again every change after this cursor (a delivered event's webhook-id, or the cursor of changes/changesHead).",
  })
  @IsCursor()
  after: string;
}

@ArgsType()
export class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID) @IsId() webhookId: string;
}
