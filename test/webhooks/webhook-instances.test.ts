/**
 * Two API instances on one database both run a webhook dispatcher: the receiver still gets
 * each change once and in order (the lease keeps one instance per webhook), and when one
 * instance stops, the other goes on from the stored cursor.
 */
import { seqOf } from '../../src/changes/hydrate';
import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import { describeEachDialect } from '../support/db';
import { makeCustomer, makeUser } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { commitEvents } from '../changes/outbox';
import { type Receiver, startReceiver } from './receiver';

describeEachDialect('webhooks on two instances', (dialect) => {
  let a: TestServer;
  let b: TestServer;
  let receiver: Receiver;
  beforeAll(async () => {
    a = await startTestServer(dialect);
    b = await startTestServer(
      dialect,
      dialect === 'mysql' ? { databaseUrl: a.db.databaseUrl } : { sqlitePath: a.db.sqlitePath },
    );
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
    await receiver.close();
  });

  it('delivers each change once, in order, and goes on when an instance stops', async () => {
    const visible = await makeCustomer(a.ds, { abcClass: AbcClass.C });
    const hidden = await makeCustomer(a.ds, { abcClass: AbcClass.A });
    const admin = await makeUser(a.ds, RoleName.GENERAL_MANAGER);
    const { body } = await a.gql<{ createPartnerKey: { key: string } }>(
      'mutation { createPartnerKey(name: "双实例伙伴") { key } }',
      {},
      { role: 'general_manager', userId: admin.id },
    );
    const key = expectNoErrors(body).createPartnerKey.key;
    const created = await b.gql(
      'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }',
      { input: { url: `${receiver.url}/both` } },
      { headers: { authorization: `ApiKey ${key}` } },
    );
    expectNoErrors(created.body);

    const seqs: number[] = [];
    const commit = async (ds: typeof a.ds) => {
      for (let i = 0; i < 10; i++) {
        await commitEvents(ds, hidden, 7);
        seqs.push(...(await commitEvents(ds, visible, 3)));
      }
    };
    await commit(a.ds);
    await receiver.waitFor((all) => all.length >= seqs.length);
    await b.stop();
    await commit(a.ds);
    await receiver.waitFor((all) => all.length >= seqs.length);
    expect(receiver.received.map((r) => [seqOf(r.id), r.status])).toEqual(seqs.map((seq) => [seq, 204]));
  });
});
