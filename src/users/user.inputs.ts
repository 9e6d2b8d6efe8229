import { ArgsType, Field, InputType } from 'type-graphql';
import { ArrayMaxSize, IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { PageArgs } from '../common/connection';
import { IsLine } from '../common/validators';
import { RoleName } from '../auth/roles';

const opt = { nullable: true } as const;

@InputType()
export class UserFilter {
  @Field(() => Boolean, { ...opt, description: 'True: still employed; false: left' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
  @Field(() => [RoleName], opt) @IsOptional() @ArrayMaxSize(8) role?: RoleName[];
  @Field(() => String, { ...opt, description: '部门, exactly' }) @IsOptional() @IsLine(64) department?: string;
  @Field(() => String, { ...opt, description: 'Part of the name' }) @IsOptional() @IsLine(64) search?: string;
}

@ArgsType()
export class UserListArgs extends PageArgs {
  @Field(() => UserFilter, opt) @IsOptional() @ValidateNested() filter?: UserFilter;
}
