import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CustomerConnection } from '../customers/customer.types';
import { Contact } from '../contacts/contact.entity';
import { Customer } from '../customers/customer.entity';
import { OwnerListArgs } from '../cadence/cadence.types';
import type { Context } from '../auth/context';
import { User } from '../users/user.entity';
import { Survey, SurveyScore } from './survey.entity';
import { LowSatisfactionArgs, RecordCorrectiveActionInput, RecordSurveyInput } from './survey.inputs';
import { SurveyConnection } from './survey.types';

/** 满意度调查: recording surveys and corrective actions, and the two worklists. */
@Resolver(() => Survey)
export class SurveyResolver {
  @Mutation(() => Survey, {
    description:
      "Records a satisfaction survey of an ACTIVE customer in the caller's name (customer service, managers).",
  })
  recordSurvey(@Arg('input') input: RecordSurveyInput, @Ctx() ctx: Context) {
    return ctx.services.surveys.record(ctx.viewer, input);
  }

  @Mutation(() => Survey, {
    description: 'Records what was done about a low survey (纠正预防措施): once, on the latest survey of its customer.',
  })
  recordCorrectiveAction(@Arg('input') input: RecordCorrectiveActionInput, @Ctx() ctx: Context) {
    return ctx.services.surveys.recordCorrectiveAction(ctx.viewer, input);
  }

  @Query(() => SurveyConnection, {
    description:
      'Customers whose latest survey has a score at most the threshold and no corrective action yet, as those surveys, oldest first.',
  })
  lowSatisfaction(@Args() { threshold, ...page }: LowSatisfactionArgs, @Ctx() ctx: Context) {
    return ctx.services.surveys.low(ctx.viewer, threshold, page);
  }

  @Query(() => CustomerConnection, {
    description:
      'ACTIVE customers not surveyed within SURVEY_EVERY_MONTHS (12), counted from approval until their first survey, longest due first; ' +
      "ownerId narrows to one owner's customers.",
  })
  surveyDue(@Args() { ownerId, ...page }: OwnerListArgs, @Ctx() ctx: Context) {
    return ctx.services.surveys.due(ctx.viewer, page, ownerId);
  }

  @Query(() => Survey, { nullable: true, description: 'Null when missing or not visible to the caller.' })
  survey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.surveys.get(ctx.viewer, id);
  }

  @FieldResolver(() => [SurveyScore], { description: 'The answers, one per question asked.' })
  scores(@Root() survey: Survey): SurveyScore[] {
    return JSON.parse(survey.scoresJson) as SurveyScore[];
  }

  @FieldResolver(() => Customer, { nullable: true })
  customer(@Root() survey: Survey, @Ctx() ctx: Context) {
    return ctx.services.customers.load(ctx, survey.customerId);
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'Who answered.' })
  contact(@Root() survey: Survey, @Ctx() ctx: Context) {
    return survey.contactId ? ctx.services.contacts.load(ctx, survey.contactId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The employee who recorded the survey.' })
  recordedBy(@Root() survey: Survey, @Ctx() ctx: Context) {
    return survey.userId ? ctx.services.users.load(ctx, survey.userId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who recorded the corrective action.' })
  correctiveActionBy(@Root() survey: Survey, @Ctx() ctx: Context) {
    return survey.correctiveActionById ? ctx.services.users.load(ctx, survey.correctiveActionById) : null;
  }
}
