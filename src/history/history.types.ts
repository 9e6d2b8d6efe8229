import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
import { IsId } from '../common/validators';
import { ChangeOperationName } from '../outbox/change-event.entity';

@ObjectType({
  description:
    'One field of a change: its value before and after, as the caller may read them (masked personal data stays masked).',
})
export class FieldChange {
  @Field({ description: 'The API field, e.g. name, owner, creditLimit' }) field: string;
  @Field(() => String, {
    nullable: true,
    description: 'Before the change (ids of related records as global ids, times in ISO 8601); null for a new record',
  })
  old: string | null;
  @Field(() => String, { nullable: true, description: 'After the change' }) new: string | null;
}

@ObjectType({ description: 'One change to a record (追溯): who, when, why, and each field the caller may read.' })
export class HistoryEntry {
  @Field(() => ID, { description: 'Opaque id of this entry' }) id: string;
  @Field() occurredAt: Date;
  @Field(() => ChangeOperationName) operation: ChangeOperationName;
  @Field({ description: 'Subject of the token that made the change' }) actor: string;
  /** The employee behind the actor, resolved by HistoryResolver. */
  actorUserId: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why, when the writer said (an update note, a rename document, a merge or handover reason)',
  })
  note: string | null;
  @Field(() => [FieldChange], {
    description: 'Fields the caller may read; a change of fields it may not read lists none of them',
  })
  changes: FieldChange[];
}

@ObjectType()
export class HistoryConnection extends Connection(HistoryEntry) {}

@ArgsType()
export class HistoryArgs extends PageArgs {
  @Field(() => ID, { description: 'Global id of a customer, contact, trade, complaint or visit' })
  @IsId()
  recordId: string;
}
