/**
 * Webhooks end to end: a partner app registers a receiver on loopback with its API key; every
 * change it may see arrives once, in commit order, signed (Standard Webhooks), rendered under
 * the partner's rules; a failing receiver is retried with doubling waits on the injectable
 * clock, every attempt in the delivery log; replay delivers again; a revoked key stops it.
 */
import { Webhook as Verifier } from 'standardwebhooks';
import { seqOf } from '../../src/changes/hydrate';
import type { Customer } from '../../src/customers/customer.entity';
import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import { parseGlobalId } from '../../src/common/global-id';
import { Webhook } from '../../src/webhooks/webhook.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser } from '../support/factories';
import { expectNoErrors, type GqlBody, startTestServer, type TestServer } from '../support/server';
import { deleteExpiredChanges } from '../../src/changes/relay';
import { commitEvents } from '../changes/outbox';
import { eventually, type Receiver, startReceiver } from './receiver';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id cursor status types url } } }`;
const CHANGES = `query($after: String) { changes(after: $after, first: 100) { edges { cursor } pageInfo { hasNextPage endCursor } } }`;
const STATE = `query($id: ID!) { webhooks(first: 10) { edges { node { id cursor status stoppedReason failures nextAttemptAt lastError } } }
  webhookDeliveries(webhookId: $id, first: 100) { edges { node { eventCursor attempt outcome httpStatus attemptedAt } } } }`;

type Created = {
  createWebhook: {
    secret: string;
    webhook: { id: string; cursor: string; status: string; types: string[]; url: string };
  };
};
type State = {
  webhooks: {
    edges: {
      node: {
        id: string;
        cursor: string;
        status: string;
        stoppedReason: string | null;
        failures: number;
        nextAttemptAt: string;
        lastError: string | null;
      };
    }[];
  };
  webhookDeliveries: {
    edges: {
      node: { eventCursor: string; attempt: number; outcome: string; httpStatus: number | null; attemptedAt: string };
    }[];
  };
};
type Body = {
  type: string;
  data: { cursor: string; recordType: string; recordId: string; operation: string; record: Record<string, unknown> };
};

describeEachDialect('webhooks', (dialect) => {
  let server: TestServer;
  let receiver: Receiver;
  /** The server's injectable clock runs this far ahead of the wall clock. */
  let ahead = 0;
  let visible: Customer;
  let hidden: Customer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { now: () => Date.now() + ahead });
    receiver = await startReceiver();
    visible = await makeCustomer(server.ds, {
      abcClass: AbcClass.B,
      name: '华东伙伴客户',
      creditLimit: '500000.00',
    } as Partial<Customer>);
    hidden = await makeCustomer(server.ds, { abcClass: AbcClass.A, name: '甲类保密客户' });
  });
  afterAll(async () => {
    await server.stop();
    await receiver.close();
  });

  let paths = 0;
  const issueKey = async (name: string) => {
    const admin = await makeUser(server.ds, RoleName.ARCHIVE_ADMIN);
    const { body } = await server.gql<{ createPartnerKey: { key: string; partnerKey: { id: string } } }>(
      'mutation ($name: String!) { createPartnerKey(name: $name) { key partnerKey { id } } }',
      { name },
      { role: 'archive_admin', userId: admin.id },
    );
    return expectNoErrors(body).createPartnerKey;
  };
  const asKey = <T = Record<string, unknown>>(key: string, query: string, variables: Record<string, unknown> = {}) =>
    server.gql<T>(query, variables, { headers: { authorization: `ApiKey ${key}` } });
  /** A webhook of `key` at a path of its own on the receiver. */
  const register = async (key: string, input: Record<string, unknown> = {}) => {
    const path = `/hooks/${++paths}`;
    const created = expectNoErrors(
      (await asKey<Created>(key, CREATE, { input: { url: receiver.url + path, ...input } })).body,
    ).createWebhook;
    return { ...created, path };
  };
  /** The webhook and its log, oldest attempt first (two reads: wait for a fact of both). */
  const state = async (key: string, id: string) => {
    const data = expectNoErrors((await asKey<State>(key, STATE, { id })).body);
    return {
      webhook: data.webhooks.edges.map((e) => e.node).find((w) => w.id === id)!,
      log: data.webhookDeliveries.edges.map((e) => e.node).reverse(),
    };
  };
  /** What the partner polling `changes` from `after` gets: the same rules as the webhook's. */
  const polled = async (key: string, after: string) => {
    const cursors: string[] = [];
    for (let cursor = after; ;) {
      const page = expectNoErrors(
        (
          await asKey<{
            changes: { edges: { cursor: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
          }>(key, CHANGES, { after: cursor })
        ).body,
      ).changes;
      cursors.push(...page.edges.map((e) => e.cursor));
      if (!page.pageInfo.hasNextPage) return cursors;
      cursor = page.pageInfo.endCursor;
    }
  };
  /** What `path` acknowledged. */
  const delivered = (path: string) => receiver.at(path).filter((r) => r.status < 300);
  const codes = (body: GqlBody<unknown>) => body.errors?.map((e) => e.extensions?.code);

  it('delivers every change the partner may see once, in commit order, signed, and nothing it may not see', async () => {
    const { key } = await issueKey('华信物流');
    const { secret, webhook, path } = await register(key);
    expect(webhook).toMatchObject({ status: 'ACTIVE', types: [], url: receiver.url + path });
    expect(secret).toMatch(/^whsec_/);
    // The secret is kept sealed: the database alone does not give it.
    const row = await server.ds.getRepository(Webhook).findOneByOrFail({ id: parseGlobalId(webhook.id)!.id });
    expect(row.secretBox).not.toContain(secret.slice(6, 30));

    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await commitEvents(server.ds, hidden, 40);
      seqs.push(...(await commitEvents(server.ds, visible, 3)));
    }
    await receiver.waitFor(() => delivered(path).length >= seqs.length);
    const got = receiver.at(path);
    expect(got.map((r) => [seqOf(r.id), r.status])).toEqual(seqs.map((seq) => [seq, 204]));
    // The partner would poll exactly these from the same cursor.
    expect(got.map((r) => r.id)).toEqual(await polled(key, webhook.cursor));

    const verifier = new Verifier(secret);
    for (const r of got) {
      const body = verifier.verify(r.body, r.headers) as Body;
      expect(body).toMatchObject({
        type: 'record.changed',
        data: { cursor: r.id, recordType: 'CUSTOMER', recordId: gid('Customer', visible.id), operation: 'UPDATED' },
      });
      // As the partner reads a customer: its name, no credit field at all.
      expect(body.data.record).toMatchObject({ __typename: 'Customer', name: '华东伙伴客户' });
      expect(body.data.record).not.toHaveProperty('creditLimit');
      expect(body).not.toHaveProperty('errors');
    }
    // A changed body, another secret, or a timestamp older than five minutes (a replayed delivery) is refused.
    expect(() => verifier.verify(got[0].body.replace('UPDATED', 'DELETED'), got[0].headers)).toThrow();
    expect(() =>
      new Verifier(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(got[0].body, got[0].headers),
    ).toThrow();
    const later = jest.spyOn(Date, 'now').mockReturnValue(Number(got[0].timestamp) * 1000 + 10 * 60_000);
    try {
      expect(() => verifier.verify(got[0].body, got[0].headers)).toThrow(/timestamp/i);
    } finally {
      later.mockRestore();
    }

    // Past events it may not see, its cursor moves with the feed, so it never falls out of retention.
    await commitEvents(server.ds, hidden, 300);
    const head = expectNoErrors((await asKey<{ changesHead: string }>(key, '{ changesHead }')).body).changesHead;
    await eventually(
      () => state(key, webhook.id),
      (s) => s.webhook.cursor === head,
    );
    expect(receiver.at(path)).toHaveLength(seqs.length);
  });

  it('retries a failing receiver with doubling waits on the clock, in order, and logs every attempt', async () => {
    const { key } = await issueKey('重试伙伴');
    const { secret, webhook, path } = await register(key, { types: ['CUSTOMER'] });
    let failing = 2;
    receiver.answer = (r) => (r.path === path && failing-- > 0 ? 503 : 204);
    const [first, second] = await commitEvents(server.ds, visible, 2);

    await receiver.waitFor(() => receiver.at(path).length === 1);
    let s = await eventually(
      () => state(key, webhook.id),
      (x) => x.log.length === 1 && x.webhook.failures === 1,
    );
    expect(s.webhook).toMatchObject({ status: 'RETRYING', failures: 1, lastError: 'the receiver answered HTTP 503' });
    expect(Date.parse(s.webhook.nextAttemptAt) - Date.parse(s.log[0].attemptedAt)).toBe(1000);

    ahead += 1000;
    s = await eventually(
      () => state(key, webhook.id),
      (x) => x.log.length === 2 && x.webhook.failures === 2,
    );
    expect(s.webhook.failures).toBe(2);
    expect(Date.parse(s.webhook.nextAttemptAt) - Date.parse(s.log[1].attemptedAt)).toBe(2000);

    ahead += 2000;
    await receiver.waitFor(() => delivered(path).length >= 2);
    const got = receiver.at(path);
    // The second event waited for the first: never out of order, each acknowledged once.
    expect(got.map((r) => [seqOf(r.id), r.status])).toEqual([
      [first, 503],
      [first, 503],
      [first, 204],
      [second, 204],
    ]);
    // Every attempt is signed afresh under the same webhook-id.
    for (const r of got) expect(() => new Verifier(secret).verify(r.body, r.headers)).not.toThrow();
    s = await eventually(
      () => state(key, webhook.id),
      (x) => x.log.length === 4 && x.webhook.failures === 0,
    );
    expect(s.log.map((d) => [seqOf(d.eventCursor), d.attempt, d.outcome, d.httpStatus])).toEqual([
      [first, 1, 'FAILED', 503],
      [first, 2, 'FAILED', 503],
      [first, 3, 'DELIVERED', 204],
      [second, 1, 'DELIVERED', 204],
    ]);
    expect(s.webhook).toMatchObject({ status: 'ACTIVE', failures: 0, lastError: null });
  });

  it('replays every change after a cursor, under the same webhook-ids', async () => {
    const { key } = await issueKey('重放伙伴');
    const { webhook, path } = await register(key);
    const seqs = await commitEvents(server.ds, visible, 3);
    await receiver.waitFor(() => delivered(path).length >= 3);
    const firstId = receiver.at(path)[0].id;

    const replayed = await asKey<{ replayWebhook: { cursor: string; status: string } }>(
      key,
      'mutation($id: ID!, $after: String!) { replayWebhook(id: $id, after: $after) { cursor status } }',
      { id: webhook.id, after: firstId },
    );
    expect(expectNoErrors(replayed.body).replayWebhook).toEqual({ cursor: firstId, status: 'ACTIVE' });
    await receiver.waitFor(() => delivered(path).length >= 5);
    expect(receiver.at(path).map((r) => seqOf(r.id))).toEqual([...seqs, ...seqs.slice(1)]);
  });

  it('keeps each partner to its own webhooks; key admins manage all; others none', async () => {
    const a = await issueKey('甲伙伴');
    const b = await issueKey('乙伙伴');
    const { webhook } = await register(a.key);
    const id = { id: webhook.id };

    // Another partner's webhook behaves as one that does not exist.
    expect(
      expectNoErrors((await asKey<State>(b.key, '{ webhooks(first: 100) { edges { node { id } } } }')).body).webhooks
        .edges,
    ).toEqual([]);
    expect(
      codes((await asKey(b.key, 'query($id: ID!) { webhookDeliveries(webhookId: $id) { totalCount } }', id)).body),
    ).toEqual(['NOT_FOUND']);
    expect(
      codes(
        (
          await asKey(b.key, 'mutation($id: ID!, $after: String!) { replayWebhook(id: $id, after: $after) { id } }', {
            ...id,
            after: webhook.cursor,
          })
        ).body,
      ),
    ).toEqual(['NOT_FOUND']);
    expect(codes((await asKey(b.key, 'mutation($id: ID!) { deleteWebhook(id: $id) }', id)).body)).toEqual([
      'NOT_FOUND',
    ]);

    // A partner token names no key: a webhook acts as a key. Other roles may not at all.
    const input = { input: { url: `${receiver.url}/none` } };
    expect(codes((await server.gql(CREATE, input, { role: 'partner' })).body)).toEqual(['FORBIDDEN']);
    for (const role of ['sales_manager', 'finance', 'analyst'] as const)
      expect(codes((await server.gql(CREATE, input, { role })).body)).toEqual(['FORBIDDEN']);
    // A key admin names the key, and sees every webhook.
    expect(codes((await server.gql(CREATE, input, { role: 'general_manager' })).body)).toEqual(['BAD_USER_INPUT']);
    const forB = await server.gql<Created>(
      CREATE,
      { input: { ...input.input, partnerKeyId: b.partnerKey.id } },
      { role: 'general_manager' },
    );
    expect(expectNoErrors(forB.body).createWebhook.webhook.url).toBe(`${receiver.url}/none`);
    const all = expectNoErrors(
      (await server.gql<State>('{ webhooks(first: 100) { edges { node { id } } } }', {}, { role: 'archive_admin' }))
        .body,
    );
    expect(all.webhooks.edges.map((e) => e.node.id)).toEqual(
      expect.arrayContaining([webhook.id, expectNoErrors(forB.body).createWebhook.webhook.id]),
    );

    for (const url of ['ftp://127.0.0.1/x', 'http://user:pw@127.0.0.1/x', 'not a url', 'http://127.0.0.1/x#frag']) {
      const res = await asKey(a.key, CREATE, { input: { url } });
      expect([
        url,
        codes(res.body),
        (res.body.errors?.[0].extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field),
      ]).toEqual([url, ['BAD_USER_INPUT'], ['url']]);
    }
    expect(
      expectNoErrors(
        (await asKey<{ deleteWebhook: string }>(a.key, 'mutation($id: ID!) { deleteWebhook(id: $id) }', id)).body,
      ).deleteWebhook,
    ).toBe(webhook.id);
    expect(
      codes((await asKey(a.key, 'query($id: ID!) { webhookDeliveries(webhookId: $id) { totalCount } }', id)).body),
    ).toEqual(['NOT_FOUND']);
  });

  it('stops for good when its partner key is revoked', async () => {
    const c = await issueKey('撤销伙伴');
    const { webhook, path } = await register(c.key);
    expectNoErrors(
      (
        await server.gql(
          'mutation ($id: ID!) { revokePartnerKey(id: $id) { revokedAt } }',
          { id: c.partnerKey.id },
          { role: 'general_manager' },
        )
      ).body,
    );
    await commitEvents(server.ds, visible, 1);
    const stopped = await eventually(
      async () =>
        (await server.ds.getRepository(Webhook).findOneByOrFail({ id: parseGlobalId(webhook.id)!.id })).stoppedReason,
      (reason) => reason !== null,
    );
    expect(stopped).toBe('KEY_REVOKED');
    expect(receiver.at(path)).toEqual([]);
  });

  // Last: it empties the outbox.
  it('stops with CURSOR_EXPIRED when its receiver was down past retention, and replay restarts it from a fresh cursor', async () => {
    const { key } = await issueKey('长期离线伙伴');
    const { webhook, path } = await register(key);
    let down = true;
    receiver.answer = (r) => (r.path === path && down ? 503 : 204);
    await commitEvents(server.ds, visible, 1);
    await eventually(
      () => state(key, webhook.id),
      (x) => x.webhook.failures === 1,
    );

    // Ten days on, retention deleted the event it never took; at its next attempt it stops.
    await deleteExpiredChanges(server.ds, 7, new Date(Date.now() + 10 * 24 * 3600 * 1000));
    ahead += 60_000;
    const stopped = await eventually(
      () => state(key, webhook.id),
      (x) => x.webhook.status === 'STOPPED',
    );
    expect(stopped.webhook.stoppedReason).toBe('CURSOR_EXPIRED');
    expect(
      codes(
        (
          await asKey(key, 'mutation($id: ID!, $after: String!) { replayWebhook(id: $id, after: $after) { id } }', {
            id: webhook.id,
            after: webhook.cursor,
          })
        ).body,
      ),
    ).toEqual(['CURSOR_EXPIRED']);

    // The partner resyncs, then restarts it from the head.
    down = false;
    const head = expectNoErrors((await asKey<{ changesHead: string }>(key, '{ changesHead }')).body).changesHead;
    const restarted = await asKey<{ replayWebhook: { status: string; failures: number } }>(
      key,
      'mutation($id: ID!, $after: String!) { replayWebhook(id: $id, after: $after) { status failures } }',
      { id: webhook.id, after: head },
    );
    expect(expectNoErrors(restarted.body).replayWebhook).toEqual({ status: 'ACTIVE', failures: 0 });
    const [next] = await commitEvents(server.ds, visible, 1);
    await receiver.waitFor(() => delivered(path).length === 1);
    expect(seqOf(delivered(path)[0].id)).toBe(next);
  });
});
