import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ObjectType } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
import { VisitWhere } from './visit.where';
import { Visit } from './visit.entity';
import { VisitFilter, VisitOrder } from './visit.inputs';

@ObjectType()
export class VisitConnection extends Connection(Visit) {}

/** Arguments of Customer.visits: the customer is the filter. */
@ArgsType()
export class VisitPageArgs extends PageArgs {
  @Field(() => VisitOrder, { nullable: true }) @IsOptional() @ValidateNested() orderBy?: VisitOrder;
}

@ArgsType()
export class VisitListArgs extends VisitPageArgs {
  @Field(() => VisitWhere, {
    nullable: true,
    description: 'Typed conditions on fields and relations, combined with the filter; only fields your role may read.',
  })
  @IsOptional()
  where?: Record<string, unknown>;
  @Field(() => VisitFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: VisitFilter;
}
