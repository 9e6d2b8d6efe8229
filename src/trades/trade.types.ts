import { ArgsType, Field, ObjectType } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '../common/connection';
import { TradeWhere } from './trade.where';
import { Trade } from './trade.entity';
import { TradeFilter, TradeOrder } from './trade.inputs';

@ObjectType()
export class TradeConnection extends Connection(Trade) {}

@ArgsType()
export class TradeListArgs extends PageArgs {
  @Field(() => TradeWhere, {
    nullable: true,
    description: 'Typed conditions on fields and relations, combined with the filter; only fields your role may read.',
  })
  @IsOptional()
  where?: Record<string, unknown>;
  @Field(() => TradeFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: TradeFilter;
  @Field(() => TradeOrder, { nullable: true }) @IsOptional() orderBy?: TradeOrder;
}

/** Customer.trades: one customer's trades, newest first unless ordered otherwise. */
@ArgsType()
export class CustomerTradesArgs extends PageArgs {
  @Field(() => TradeOrder, { nullable: true }) @IsOptional() orderBy?: TradeOrder;
}
