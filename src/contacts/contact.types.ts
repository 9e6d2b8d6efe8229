import { IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, ObjectType } from 'type-graphql';
import { Connection, PageArgs } from '../common/connection';
import { ContactWhere } from './contact.where';
import { Contact } from './contact.entity';
import { ContactFilter, ContactOrder } from './contact.inputs';

@ObjectType()
export class ContactConnection extends Connection(Contact) {}

/** Arguments of Customer.contacts: the customer is the filter. */
@ArgsType()
export class ContactPageArgs extends PageArgs {
  @Field(() => ContactOrder, { nullable: true }) @IsOptional() @ValidateNested() orderBy?: ContactOrder;
}

@ArgsType()
export class ContactListArgs extends ContactPageArgs {
  @Field(() => ContactWhere, {
    nullable: true,
    description: 'Typed conditions on fields and relations, combined with the filter; only fields your role may read.',
  })
  @IsOptional()
  where?: Record<string, unknown>;
  @Field(() => ContactFilter, { nullable: true }) @IsOptional() @ValidateNested() filter?: ContactFilter;
}
