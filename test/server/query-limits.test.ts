/**
 * Cost, alias, depth, token and size limits, the same on HTTP and WebSocket: the largest
 * screens a frontend shows pass, twice their cost is refused with a 400 of its own code
 * before any SQL runs, and introspection (Apollo Sandbox, codegen) is outside depth and cost.
 */
import { getIntrospectionQuery } from 'graphql';
import { AbcClass } from '../../src/customers/customer.enums';
import { CountingLogger } from '../support/query-counter';
import { gid, makeCustomer } from '../support/factories';
import { rawSocket, type RawSocket } from '../support/raw-socket';
import { startTestServer, type TestServer, expectNoErrors } from '../support/server';

const CUSTOMER_FIELDS = `id archiveNo name shortName creditCode kind nature industry region province city address postcode
  phone fax email website source category status abcClass starRating tradeCount tradeTotal firstTradeAt lastTradeAt
  createdAt updatedAt version creditLevel creditLimit`;

/** A customer's detail screen: its record, owner, 10 contacts, 20 trades, 10 complaints, 10 visits. */
const DETAIL = `customer(id: $id) { ${CUSTOMER_FIELDS}
  owner { id name department }
  contacts(first: 10) { edges { node { id name title mobile email isPrimary } } }
  trades(first: 20) { edges { node { id tradeNo kind amount occurredAt paymentStatus } } }
  complaints(first: 10) { edges { node { id receivedAt category severity status } } }
  visits(first: 10) { edges { node { id kind occurredAt subject outcome } } } }`;

/** The customer list: 50 customers with owner, 3 contacts and the last 5 trades each. */
const LIST = `customers(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
  id archiveNo name abcClass region city tradeTotal lastTradeAt status starRating
  owner { name department }
  contacts(first: 3) { edges { node { name title mobile } } }
  trades(first: 5) { edges { node { tradeNo kind amount occurredAt } } } } } }`;

const SCREENS = `query Screens($id: ID!) { ${DETAIL} ${LIST} }`;
/** The same screens twice over: twice the cost. */
const TWICE = `query Twice($id: ID!) { a: ${DETAIL} b: ${DETAIL} c: ${LIST} d: ${LIST} }`;
const aliased = (n: number, selection: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `c${i}: ${selection}`).join(' ')} }`;
/** The probe that ran 22 s: 200 aliased pages of 100 customers with their contacts and trades. */
const PROBE = aliased(
  200,
  'customers(first: 100) { edges { node { name contacts { edges { node { name mobile } } } trades { edges { node { amount } } } } } }',
);

interface Refusal {
  status: number;
  code: unknown;
  message: string;
}

describe('query limits (SQLite)', () => {
  let server: TestServer;
  let customerId: string;
  const sql = new CountingLogger();
  beforeAll(async () => {
    server = await startTestServer('sqlite', { logger: sql });
    customerId = gid('Customer', (await makeCustomer(server.ds, { abcClass: AbcClass.B })).id);
  });
  afterAll(() => server.stop());

  async function overHttp(query: string, variables: Record<string, unknown> = {}): Promise<Refusal | null> {
    const res = await server.gql(query, variables, { role: 'sales_manager' });
    if (res.status === 200 && !res.body.errors) return null;
    return {
      status: res.status,
      code: res.body.errors?.[0].extensions?.code,
      message: res.body.errors?.[0].message ?? '',
    };
  }

  let socket: RawSocket;
  let ids = 0;
  async function overWs(query: string, variables: Record<string, unknown> = {}): Promise<Refusal | null> {
    socket ??= await rawSocket(server).then(
      async (s) => (await s.init(`Bearer ${await server.token('sales_manager')}`), s),
    );
    const id = `op${++ids}`;
    socket.subscribe(id, query, variables);
    await socket.until(() => socket.of(id).some((m) => m.type === 'complete' || m.type === 'error'));
    const [first] = socket.of(id);
    const errors = (first.type === 'error' ? first.payload : (first.payload as { errors?: unknown[] }).errors) as
      { message: string; extensions?: { code?: unknown } }[] | undefined;
    return errors ? { status: 400, code: errors[0].extensions?.code, message: errors[0].message } : null;
  }
  afterAll(() => socket?.socket.close());

  for (const [transport, run] of [
    ['HTTP', overHttp],
    ['WebSocket', overWs],
  ] as const) {
    describe(transport, () => {
      it('answers the standard introspection query (introspection is outside depth and cost)', async () => {
        const full = getIntrospectionQuery({
          descriptions: true,
          specifiedByUrl: true,
          directiveIsRepeatable: true,
          schemaDescription: true,
          inputValueDeprecation: true,
        });
        expect(await run(full)).toBeNull();
      });

      it('serves the largest screens, and refuses twice their cost with QUERY_TOO_COMPLEX before any SQL', async () => {
        expect(await run(SCREENS, { id: customerId })).toBeNull();
        sql.reset();
        const refused = await run(TWICE, { id: customerId });
        expect(refused).toMatchObject({
          status: 400,
          code: 'QUERY_TOO_COMPLEX',
          message: expect.stringMatching(/cost \d+ is over the limit of 5000/),
        });
        expect(sql.queries).toEqual([]);
      });

      it('counts page sizes given as variables', async () => {
        const query =
          'query($n: Int) { customers(first: $n) { edges { node { contacts(first: $n) { edges { node { name mobile } } } } } } }';
        expect(await run(query, { n: 10 })).toBeNull();
        expect(await run(query, { n: 100 })).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
      });

      it('refuses the 200-alias probe before parsing it, and more aliases than the limit', async () => {
        sql.reset();
        expect(await run(PROBE)).toMatchObject({
          status: 400,
          code: 'QUERY_TOO_LARGE',
          message: expect.stringContaining('16384 bytes'),
        });
        expect(sql.queries).toEqual([]);
        expect(await run(aliased(31, 'me { subject }'))).toMatchObject({
          status: 400,
          code: 'QUERY_TOO_COMPLEX',
          message: expect.stringContaining('31 aliases, over the limit of 30'),
        });
        expect(await run(aliased(30, 'me { subject }'))).toBeNull();
      });

      it('refuses more tokens than the limit, counted before parsing', async () => {
        // 2,101 tokens in 2.8 KiB, then a syntax error that the parser never reaches.
        const query = `{ ${'a:b '.repeat(700)} ((( `;
        expect(await run(query)).toMatchObject({
          status: 400,
          code: 'QUERY_TOO_LARGE',
          message: expect.stringContaining('2000 tokens'),
        });
      });

      it('refuses depth past the limit with QUERY_TOO_DEEP, fragments included', async () => {
        const deep = `fragment F on User { customers { edges { node { owner { customers { edges { node { name } } } } } } } }
          query { customers { edges { node { owner { ...F } } } } }`;
        expect(await run(deep)).toMatchObject({ status: 400, code: 'QUERY_TOO_DEEP' });
      });

      it('measures fragments spread twice at every level without exponential work, and refuses their cost', async () => {
        const levels = 24;
        const fragments = Array.from(
          { length: levels },
          (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
        ).join('\n');
        const query = `query { ...F0 }\n${fragments}\nfragment F${levels} on Query { customers(first: 1) { totalCount } }`;
        expect(await run(query)).toMatchObject({ status: 400, code: 'QUERY_TOO_COMPLEX' });
      });
    });
  }

  it('names the limit without echoing the document or the schema', async () => {
    const res = await server.gql(TWICE, { id: customerId }, { role: 'sales_manager' });
    expect(JSON.stringify(res.body)).not.toMatch(/customers|contacts|stack|at \//);
    expect(
      expectNoErrors((await server.gql(SCREENS, { id: customerId }, { role: 'sales_manager' })).body),
    ).toHaveProperty('customers');
  });
});
