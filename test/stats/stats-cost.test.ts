import { type OperationDefinitionNode, parse } from 'graphql';
import { createSchema } from '../../src/server/schema';
import { measure } from '../../src/server/query-measure';

/** The cost limit counts the groups a statistics query answers: 100 unless `first` says fewer. */
describe('cost of statistics', () => {
  it('multiplies the fields of a group by the groups the query may answer', async () => {
    const schema = await createSchema();
    const cost = (query: string) => {
      const doc = parse(query);
      return measure(schema, doc, doc.definitions[0] as OperationDefinitionNode).cost;
    };
    expect(cost('{ customerStats(groupBy: [REGION]) { groups { region count } } }')).toBe(1 + 100 * (1 + 2));
    expect(cost('{ customerStats(groupBy: [REGION], first: 7) { groups { region count } } }')).toBe(1 + 7 * (1 + 2));
    // Lists without a default of their own still count the default page of 20.
    expect(cost('{ customers { edges { node { name } } } }')).toBe(1 + 20 * (1 + 2));
  });
});
