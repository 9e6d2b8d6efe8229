import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { IsOptional } from 'class-validator';
import { PageArgs } from '../common/connection';
import { IsId } from '../common/validators';
import { VisitKind } from '../visits/visit.enums';

@ObjectType({ description: 'A touch the contact cadence of the class (回访) asks for and that is overdue.' })
export class OverdueFollowUp {
  @Field(() => VisitKind, { description: 'PHONE_CALL or VISIT' }) kind: VisitKind;
  @Field({ description: 'When it fell due' }) dueSince: Date;
}

@ArgsType()
export class OwnerListArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Whose customers; the caller when not given (managers may name anyone)',
  })
  @IsOptional()
  @IsId()
  ownerId?: string;
}
