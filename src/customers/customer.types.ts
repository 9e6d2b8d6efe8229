import { ArgsType, Field, ObjectType } from 'type-graphql';
import { ValidateNested, IsOptional } from 'class-validator';
import { Connection, PageArgs } from '../common/connection';
import { Customer } from './customer.entity';
import { CustomerFilter, CustomerOrder } from './customer.inputs';

@ObjectType()
export class CustomerConnection extends Connection(Customer) {}

@ArgsType()
export class CustomerListArgs extends PageArgs {
  @Field(() => CustomerFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: CustomerFilter;
  @Field(() => CustomerOrder, { nullable: true }) @IsOptional() orderBy?: CustomerOrder;
}
