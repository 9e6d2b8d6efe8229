import { ArgsType, Field, ObjectType } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '../common/connection';
import { Trade } from './trade.entity';
import { TradeFilter, TradeOrder } from './trade.inputs';

@ObjectType()
export class TradeConnection extends Connection(Trade) {}

@ArgsType()
export class TradeListArgs extends PageArgs {
  @Field(() => TradeFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: TradeFilter;
  @Field(() => TradeOrder, { nullable: true }) @IsOptional() orderBy?: TradeOrder;
}

/** Customer.trades: one customer's trades, newest first unless ordered otherwise. */
@ArgsType()
export class CustomerTradesArgs extends PageArgs {
  @Field(() => TradeOrder, { nullable: true }) @IsOptional() orderBy?: TradeOrder;
}
