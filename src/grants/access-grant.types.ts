import { ArgsType, Field, ObjectType } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { Connection, PageArgs } from '../common/connection';
import { AccessGrant } from './access-grant.entity';
import { AccessGrantFilter } from './access-grant.inputs';

@ObjectType()
export class AccessGrantConnection extends Connection(AccessGrant) {}

/** accessGrants: every user's requests, newest first. */
@ArgsType()
export class AccessGrantListArgs extends PageArgs {
  @Field(() => AccessGrantFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: AccessGrantFilter;
}
