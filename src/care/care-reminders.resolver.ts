import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Contact } from '../contacts/contact.entity';
import { ContactConnection } from '../contacts/contact.types';
import { personalNote } from '../auth/fields';
import type { Context } from '../auth/context';
import { AnniversaryConnection, BirthdayArgs, ReminderArgs } from './care.types';
import { nextOccurrence } from './day-key';

/** 生日、店庆: who to greet in the coming days. */
@Resolver(() => Contact)
export class CareRemindersResolver {
  @Query(() => ContactConnection, {
    description:
      'Contacts of ACTIVE customers whose birthday falls within the next `days` (UTC), soonest first, for roles that read birthdays in full ' +
      "(a sales rep: its own customers' contacts). With marketing (the default) only contacts who consented to marketing.",
  })
  upcomingBirthdays(@Args() args: BirthdayArgs, @Ctx() ctx: Context) {
    return ctx.services.careReminders.birthdays(ctx.viewer, args);
  }

  @Query(() => AnniversaryConnection, {
    description:
      'Founding days and first-trade days (店庆) of ACTIVE customers within the next `days` (UTC), soonest first.',
  })
  upcomingAnniversaries(@Args() args: ReminderArgs, @Ctx() ctx: Context) {
    return ctx.services.careReminders.anniversaries(ctx.viewer, args);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: personalNote('The coming birthday (YYYY-MM-DD, UTC); hidden when masked'),
  })
  nextBirthday(@Root() contact: Contact, @Ctx() ctx: Context): string | null {
    return contact.birthdayKey ? nextOccurrence(contact.birthdayKey, ctx.services.clock()) : null;
  }
}
