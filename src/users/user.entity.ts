import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { BaseRecord, Node } from '../common/base.entity';
import { EnumColumn, TextColumn, TimeColumn } from '../db/columns';
import { RoleName } from '../auth/roles';

/** An employee: owner of customers, handler of trades and complaints, visitor. */
@ObjectType({ implements: Node, simpleResolvers: true, description: 'An employee (业务员, 客服, 财务 …).' })
@Entity()
export class User extends BaseRecord {
  @Field() @TextColumn(64) name: string;

  @Field({ description: '部门' }) @Index() @TextColumn(64) department: string;

  @Field(() => RoleName) @EnumColumn() role: RoleName;

  @Field({ description: 'False once the employee has left; their customers are handed over.' })
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date, { nullable: true }) @TimeColumn({ nullable: true }) leftAt: Date | null;
}
