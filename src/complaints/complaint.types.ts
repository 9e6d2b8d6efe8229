import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ObjectType } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
import { ComplaintWhere } from './complaint.where';
import { Complaint } from './complaint.entity';
import { ComplaintFilter, ComplaintOrder } from './complaint.inputs';

@ObjectType()
export class ComplaintConnection extends Connection(Complaint) {}

/** Arguments of Customer.complaints: the customer is the filter. */
@ArgsType()
export class ComplaintPageArgs extends PageArgs {
  @Field(() => ComplaintOrder, { nullable: true }) @IsOptional() @ValidateNested() orderBy?: ComplaintOrder;
}

@ArgsType()
export class ComplaintListArgs extends ComplaintPageArgs {
  @Field(() => ComplaintWhere, {
    nullable: true,
    description: 'Typed conditions on fields and relations, combined with the filter; only fields your role may read.',
  })
  @IsOptional()
  where?: Record<string, unknown>;
  @Field(() => ComplaintFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: ComplaintFilter;
}
