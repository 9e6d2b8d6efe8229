import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ObjectType } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
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
  @Field(() => ComplaintFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: ComplaintFilter;
}
