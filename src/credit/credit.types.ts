import { ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { CreditLimitRaise } from './credit-limit-raise.entity';
import { CreditOverride } from './credit-override.entity';

@ObjectType()
export class CreditOverrideConnection extends Connection(CreditOverride) {}

@ObjectType()
export class CreditLimitRaiseConnection extends Connection(CreditLimitRaise) {}
