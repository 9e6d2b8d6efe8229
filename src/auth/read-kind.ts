import { registerEnumType } from 'type-graphql';

/** What a confidential read is recorded as (查阅登记): the read recorder's and the read audit's kinds. */
export enum ReadKind {
  A_CLASS_ARCHIVE = 'A_CLASS_ARCHIVE',
  CREDIT_FIELDS = 'CREDIT_FIELDS',
}
registerEnumType(ReadKind, { name: 'ReadKind', description: 'What kind of confidential read was recorded' });
