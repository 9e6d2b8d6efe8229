import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { PageArgs } from '../common/connection';
import { IsBusinessTime, IsId, IsText } from '../common/validators';
import { SurveyQuestion } from './survey.enums';

@InputType({ description: 'The score one question got, 1 (very dissatisfied) to 5 (very satisfied).' })
export class SurveyScoreInput {
  @Field(() => SurveyQuestion) @IsEnum(SurveyQuestion) question: SurveyQuestion;
  @Field(() => Int) @IsInt() @Min(1) @Max(5) score: number;
}

@InputType({
  description: "A customer's answers to the satisfaction survey (满意度调查), recorded in the caller's name.",
})
export class RecordSurveyInput {
  @Field(() => ID, { description: 'An ACTIVE customer' }) @IsId() customerId: string;
  @Field(() => ID, { nullable: true, description: 'Who answered: a contact of that customer' })
  @IsOptional()
  @IsId()
  contactId?: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'When the customer answered; now when not given, never in the future',
  })
  @IsOptional()
  @IsBusinessTime()
  surveyedAt?: Date;
  @Field(() => [SurveyScoreInput], { description: 'One to five answers, each question at most once' })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  scores: SurveyScoreInput[];
  @Field(() => String, { nullable: true, description: '意见和建议 (up to 2000 characters)' })
  @IsOptional()
  @IsText(2000)
  comments?: string | null;
}

@InputType({
  description:
    'What was done about a low survey (纠正预防措施); once per survey, on the latest survey of its customer.',
})
export class RecordCorrectiveActionInput {
  @Field(() => ID, { description: 'The survey' }) @IsId() id: string;
  @Field(() => Int, { description: "The survey's version last read: a stale one is refused with CONFLICT." })
  @IsInt()
  @Min(1)
  version: number;
  @Field({ description: 'The action taken (5 to 1000 characters)' }) @IsText(1000) correctiveAction: string;
}

@ArgsType()
export class LowSatisfactionArgs extends PageArgs {
  @Field(() => Int, { defaultValue: 2, description: 'A survey is low when one of its scores is at most this (1 to 5)' })
  @IsInt()
  @Min(1)
  @Max(5)
  threshold: number;
}
