import { RoleName } from '../../src/auth/roles';
import { type User } from '../../src/users/user.entity';
import { ClassLookupsDocument, OverrideClassDocument, PlaceOrderDocument } from '../generated/graphql';
import { collect, type Received, wsClient } from '../changes/ws-client';
import { describeEachDialect } from '../support/db';
import { makeUser } from '../support/factories';
import { expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';
import { approvedArchive, as } from '../support/workflow';

const SUBSCRIBE = `subscription { recordChanged(types: [CUSTOMER]) { recordId record { id ... on Customer { shortName } } } }`;
const TOUCH = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id version } }`;

/**
 * The class is part of every row scope (issue 15 section 2): a customer that becomes A leaves
 * the views of roles that do not see A-class archives with the commit that made it A, and a
 * live subscription stops carrying its events from that change on, since the feed's scope is
 * asked of the customer row when each batch is delivered.
 */
describeEachDialect('a customer that becomes A-class', (dialect) => {
  let server: TestServer;
  let rep: User;
  let manager: User;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
  });
  afterAll(() => server.stop());

  let touches = 0;
  const touch = async (c: { id: string; version: number }) => {
    const res = await server.gql<{ updateCustomer: { id: string; version: number } }>(
      TOUCH,
      { input: { id: c.id, version: c.version, shortName: `简称${++touches}` } },
      as(manager),
    );
    return expectNoErrors(res.body).updateCustomer;
  };

  it("leaves a subscribed partner's feed, lists and lookups at once, and the owning rep's too", async () => {
    let target: { id: string; version: number } = await approvedArchive(server, rep, manager);
    const { archiveNo } = target as { archiveNo: string } & typeof target;
    let marker: { id: string; version: number } = await approvedArchive(server, rep, manager);
    const client = wsClient(server, `Bearer ${await server.token('partner')}`);
    const got = (r: Received) => (r.data?.recordChanged as { recordId: string } | undefined)?.recordId;
    const sub = collect(client, SUBSCRIBE, {}, (all) => all.some((r) => got(r) === marker.id));
    try {
      // Live: changes to the target until the partner has one (the fact that it listens).
      while (!sub.all.some((r) => got(r) === target.id)) target = await touch(target);
      // Touches before the promotion may still be on their way; each event names its touch.
      const before = touches;

      const promoted = expectNoErrors(
        (
          await send(
            server,
            OverrideClassDocument,
            { customerId: target.id, class: 'A', reason: '年度战略客户' },
            as(manager),
          )
        ).body,
      ).overrideClass;
      expect(promoted.abcClass).toBe('A');
      target = await touch(promoted);
      expectNoErrors(
        (
          await send(
            server,
            PlaceOrderDocument,
            {
              input: {
                customerId: target.id,
                kind: 'ORDER',
                amount: '100.00',
                paymentMethod: 'CASH',
                occurredAt: new Date().toISOString(),
              },
            },
            as(manager),
          )
        ).body,
      );
      // Events come in commit order: once the marker's arrives, any of the target's would have.
      marker = await touch(marker);
      const touchOf = (r: Received) =>
        Number((r.data?.recordChanged as { record: { shortName: string } | null }).record?.shortName.slice(2));
      const after = (await sub.done).filter((r) => got(r) === target.id && touchOf(r) > before);
      expect(after).toEqual([]);
    } finally {
      await client.dispose();
    }

    const lookups = async (opts: GqlOptions) =>
      expectNoErrors((await send(server, ClassLookupsDocument, { id: target.id, archiveNo }, opts)).body);
    for (const opts of [{ role: 'partner' as const }, as(rep), { role: 'analyst' as const }]) {
      expect(await lookups(opts)).toEqual({ customer: null, node: null, customers: { totalCount: 0, edges: [] } });
    }
    expect((await lookups(as(manager))).customer).toEqual({ id: target.id });
  });
});
