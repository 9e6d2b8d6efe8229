import { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, NonEmptyArray } from 'type-graphql';
import { CustomerResolver } from '../customers/customer.resolver';
import { NodeResolver } from '../node/node.resolver';
import { UserResolver } from '../users/user.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [NodeResolver, UserResolver, CustomerResolver];

/** Builds the executable schema; the SDL of the result is schema/schema.graphql. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    emitSchemaFile: false,
  });
}
