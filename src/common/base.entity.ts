import { Field, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { toGlobalId } from './global-id';

/** Relay's Node: anything with a global id that node(id) can fetch. */
@InterfaceType('Node', { resolveType: (value: object) => value.constructor.name })
export abstract class Node {
  /** Row id; clients only ever see the opaque global id. */
  @PrimaryGeneratedColumn()
  id: number;

  // Not simple: the field is the getter, not the row's own `id` property a default resolver would read.
  @Field(() => ID, {
    name: 'id',
    simple: false,
    description: "Opaque global id, accepted by node(id) and the type's own lookup.",
  })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}

/** Columns every table has: row id, created/updated times (UTC) and an optimistic-lock version. */
// Decorated so subclasses inherit the fields; not an implementation of Node itself, so never emitted.
@ObjectType('BaseRecord')
export abstract class BaseRecord extends Node {
  @Field()
  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Field(() => Int, { description: 'Send it back with an update: a stale version is refused with CONFLICT.' })
  @VersionColumn({ default: 1 })
  version: number;
}
