import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs } from '../common/connection';
import type { Context } from '../auth/context';
import { Webhook } from './webhook.entity';
import {
  CreateWebhookInput,
  NewWebhook,
  ReplayWebhookArgs,
  WebhookConnection,
  WebhookDeliveriesArgs,
  WebhookDeliveryConnection,
} from './webhook.types';

const WHO = 'For a partner app with its API key (its own webhooks) and for general_manager and archive_admin (all).';

@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => WebhookConnection, { description: `Webhooks, newest first. ${WHO}` })
  webhooks(@Args() page: PageArgs, @Ctx() ctx: Context) {
    return ctx.services.webhooks.list(ctx.viewer, page);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: `The delivery log of a webhook, newest attempt first; kept CHANGE_RETENTION_DAYS. ${WHO}`,
  })
  webhookDeliveries(@Args() { webhookId, ...page }: WebhookDeliveriesArgs, @Ctx() ctx: Context) {
    return ctx.services.webhooks.deliveries(ctx.viewer, webhookId, page);
  }

  @Mutation(() => NewWebhook, {
    description: `Registers a URL that gets every change its partner may see, one signed POST each, in commit order. ${WHO}`,
  })
  createWebhook(@Arg('input', () => CreateWebhookInput) input: CreateWebhookInput, @Ctx() ctx: Context) {
    return ctx.services.webhooks.create(ctx.viewer, input);
  }

  @Mutation(() => ID, { description: `Deletes a webhook and its delivery log. ${WHO}` })
  deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.webhooks.delete(ctx.viewer, id);
  }

  @Mutation(() => Webhook, {
    description: `Delivers again every change after a cursor, and restarts a webhook stopped by CURSOR_EXPIRED or CURSOR_UNKNOWN. ${WHO}`,
  })
  replayWebhook(@Args() { id, after }: ReplayWebhookArgs, @Ctx() ctx: Context) {
    return ctx.services.webhooks.replay(ctx.viewer, id, after);
  }
}
