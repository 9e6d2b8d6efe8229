import { ArgsType, Field, ObjectType } from 'type-graphql';
import { ValidateNested, IsOptional } from 'class-validator';
import { Connection, PageArgs } from '../common/connection';
import { CustomerWhere } from './customer.where';
import { Customer } from './customer.entity';
import { CustomerFilter, CustomerOrder } from './customer.inputs';

@ObjectType()
export class CustomerConnection extends Connection(Customer) {}

@ArgsType()
export class CustomerListArgs extends PageArgs {
  @Field(() => CustomerWhere, {
    nullable: true,
    description: 'Typed conditions on fields and relations, combined with the filter; only fields your role may read.',
  })
  @IsOptional()
  where?: Record<string, unknown>;
  @Field(() => CustomerFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: CustomerFilter;
  @Field(() => CustomerOrder, { nullable: true }) @IsOptional() orderBy?: CustomerOrder;
}
