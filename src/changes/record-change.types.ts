import { createUnionType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../common/base.entity';
import { PageInfo } from '../common/connection';
import { ChangeOperationName } from '../outbox/change-event.entity';

/** The record types of the change feed; values are the policy's type names. */
export enum RecordTypeName {
  CUSTOMER = 'Customer',
  CONTACT = 'Contact',
  TRADE = 'Trade',
  COMPLAINT = 'Complaint',
  VISIT = 'Visit',
  SURVEY = 'Survey',
  /** Only for roles that read credit fields. */
  CREDIT_OVERRIDE = 'CreditOverride',
  /** Only for roles that read credit fields. */
  CREDIT_LIMIT_RAISE = 'CreditLimitRaise',
}
registerEnumType(RecordTypeName, { name: 'RecordType', description: 'Kinds of records the change feed reports on' });
registerEnumType(ChangeOperationName, { name: 'ChangeOperation', description: 'What a change did to its record' });

@ObjectType({ description: 'One committed change to a record, in commit order.' })
export class RecordChange {
  @Field({ description: 'Opaque; pass as `after` to resume right after this change.' }) cursor: string;
  @Field(() => RecordTypeName) recordType: RecordTypeName;
  @Field(() => ID, { description: 'Global id of the changed record.' }) recordId: string;
  @Field(() => ChangeOperationName) operation: ChangeOperationName;
  /** The API fields the change set, before the caller's rules: `changedFields` answers those it may read. */
  fields: readonly string[];
  @Field({ description: 'Subject of the token that made the change.' }) actor: string;
  @Field() occurredAt: Date;
  @Field(() => Node, {
    nullable: true,
    description: 'The record as it stood right after this change, under the same field rules as queries.',
  })
  record: Node | null;
}

@ObjectType()
export class RecordChangeEdge {
  @Field() cursor: string;
  @Field(() => RecordChange) node: RecordChange;
}

@ObjectType()
export class RecordChangeConnection {
  @Field(() => [RecordChangeEdge]) edges: RecordChangeEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
}

@ObjectType({
  description:
    'Where a `changeFeed` subscriber stands: every change it may see up to here was sent to it. Carries no change.',
})
export class ChangeCheckpoint {
  @Field({
    description: 'Opaque; pass as `after` to resume right after everything this subscription was sent or passed over.',
  })
  cursor: string;
  @Field({ description: 'When the checkpoint was sent.' }) at: Date;

  constructor(cursor: string, at: Date) {
    this.cursor = cursor;
    this.at = at;
  }
}

export const ChangeFeedItem = createUnionType({
  name: 'ChangeFeedItem',
  description: 'A change, or a checkpoint: the cursor moved past changes this subscriber may not see.',
  types: () => [RecordChange, ChangeCheckpoint] as const,
  resolveType: (value) => (value instanceof ChangeCheckpoint ? ChangeCheckpoint : RecordChange),
});
