import type { DataSource } from 'typeorm';
import type { Customer } from '../../src/customers/customer.entity';
/**
 * The WebSocket side of the change feed as a misbehaving or expiring client meets it:
 * graphql-ws close codes, the message size limit, the per-socket cap, and credentials
 * checked again for each batch of events (an expired token or a revoked key ends delivery).
 */
import WebSocket from 'ws';
import { signToken } from '../../src/auth/jwt';
import { MAX_SUBSCRIPTIONS_PER_SOCKET } from '../../src/server/websocket';
import { RoleName } from '../../src/auth/roles';
import { AbcClass, ArchiveStatus } from '../../src/customers/customer.enums';
import { ApproveAccessDocument, RequestAccessDocument, RevokeAccessDocument } from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { CountingLogger } from '../support/query-counter';
import { gid, makeCustomer as makeArchive, makeUser } from '../support/factories';
import { send } from '../support/typed';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { collect, newestCursor, type Received, wsClient } from './ws-client';

/** Drafts: the tests below rename them with updateCustomer, which changes only a draft's name (approved archives use renameCustomer). */
const makeCustomer = (ds: DataSource, over: Partial<Customer> = {}) =>
  makeArchive(ds, { status: ArchiveStatus.PENDING_APPROVAL, ...over });

const SUBSCRIBE = `subscription($customerId: ID, $after: String) { recordChanged(customerId: $customerId, after: $after) { cursor record { id ... on Customer { name } } } }`;
const HOUR = 3600_000;
const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }`;

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describeEachDialect('change feed over WebSocket', (dialect) => {
  let server: TestServer;
  const sql = new CountingLogger();
  // The clock the server checks open connections' credentials by: a test moves it to expire a token.
  let clockAhead = 0;
  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: sql, now: () => Date.now() + clockAhead });
  });
  afterAll(() => server.stop());
  afterEach(() => {
    clockAhead = 0;
  });

  async function rename(id: number, name: string): Promise<void> {
    const [{ version }] = (await server.ds.query('SELECT version FROM customer WHERE id = ?', [id])) as {
      version: number;
    }[];
    expectNoErrors(
      (await server.gql(RENAME, { input: { id: gid('Customer', id), version, name } }, { role: 'general_manager' }))
        .body,
    );
  }

  /** A raw graphql-transport-ws socket: sends what it is told, reports messages and the close code. */
  async function rawSocket() {
    const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const messages: { type: string; id?: string; payload?: unknown }[] = [];
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString())));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const init = async () => {
      socket.send(
        JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${await server.token('general_manager')}` },
        }),
      );
      await waitFor(() => messages.some((m) => m.type === 'connection_ack'), 'connection_ack');
    };
    return { socket, messages, closed, init };
  }

  it('closes with 4429 on a second connection_init', async () => {
    const { socket, closed, init } = await rawSocket();
    await init();
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    expect(await closed).toBe(4429);
  });

  it('closes with 4409 when an operation id is reused while it runs', async () => {
    const { socket, closed, init } = await rawSocket();
    await init();
    const subscribe = JSON.stringify({ id: 'same', type: 'subscribe', payload: { query: SUBSCRIBE } });
    socket.send(subscribe);
    socket.send(subscribe);
    expect(await closed).toBe(4409);
  });

  it('closes with 1009 on a message over 64 KiB', async () => {
    const { socket, closed, init } = await rawSocket();
    await init();
    socket.send(
      JSON.stringify({
        id: 'big',
        type: 'subscribe',
        payload: { query: `subscription { recordChanged { cursor } } # ${'x'.repeat(70 * 1024)}` },
      }),
    );
    expect(await closed).toBe(1009);
  });

  it(`refuses operation ${MAX_SUBSCRIPTIONS_PER_SOCKET + 1} on one socket and keeps the others running`, async () => {
    const { socket, messages, init } = await rawSocket();
    await init();
    const c = await makeCustomer(server.ds);
    const after = await newestCursor(server.ds);
    for (let i = 0; i <= MAX_SUBSCRIPTIONS_PER_SOCKET; i++) {
      socket.send(
        JSON.stringify({
          id: `op${i}`,
          type: 'subscribe',
          payload: { query: SUBSCRIBE, variables: { customerId: gid('Customer', c.id), after } },
        }),
      );
    }
    await waitFor(() => messages.some((m) => m.type === 'error'), 'the refusal');
    const refused = messages.find((m) => m.type === 'error') as {
      id: string;
      payload: { extensions: { code: string } }[];
    };
    expect(refused.id).toBe(`op${MAX_SUBSCRIPTIONS_PER_SOCKET}`);
    expect(refused.payload[0].extensions.code).toBe('BAD_USER_INPUT');
    await rename(c.id, '上限测试');
    await waitFor(
      () => messages.filter((m) => m.type === 'next').length === MAX_SUBSCRIPTIONS_PER_SOCKET,
      'an event on every running operation',
    );
    socket.close();
  });

  /** Subscribes, checks one event arrives, ends the credential, and expects UNAUTHENTICATED then completion. */
  async function expectDeliveryStops(authorization: string, endCredential: () => Promise<void>) {
    const c = await makeCustomer(server.ds);
    const client = wsClient(server, authorization);
    try {
      const all: Received[] = [];
      let completed = false;
      client.subscribe(
        { query: SUBSCRIBE, variables: { customerId: gid('Customer', c.id), after: await newestCursor(server.ds) } },
        {
          next: (value) => void all.push(value as Received),
          error: () => (completed = true),
          complete: () => (completed = true),
        },
      );
      await rename(c.id, '凭证有效');
      await waitFor(() => all.length === 1, 'the first event');
      expect(all[0].errors).toBeUndefined();

      await endCredential();
      await rename(c.id, '凭证失效');
      await waitFor(() => completed, 'the subscription to end');
      expect(all).toHaveLength(2);
      expect(all[1].data).toBeNull();
      expect(all[1].errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    } finally {
      await client.dispose();
    }
  }

  it('ends a subscription with UNAUTHENTICATED once its partner key is revoked', async () => {
    const created = await server.gql<{ createPartnerKey: { key: string; partnerKey: { id: string } } }>(
      'mutation { createPartnerKey(name: "订阅伙伴") { key partnerKey { id } } }',
      {},
      { role: 'archive_admin' },
    );
    const { key, partnerKey } = expectNoErrors(created.body).createPartnerKey;
    await expectDeliveryStops(`ApiKey ${key}`, async () => {
      expectNoErrors(
        (
          await server.gql(
            'mutation($id: ID!) { revokePartnerKey(id: $id) { revokedAt } }',
            { id: partnerKey.id },
            { role: 'general_manager' },
          )
        ).body,
      );
    });
  });

  it("asks about every partner app's key in one query per batch, and a revoked key stops only its own app", async () => {
    const c = await makeCustomer(server.ds);
    const keys = [];
    for (const name of ['伙伴甲', '伙伴乙', '伙伴丙']) {
      const created = await server.gql<{ createPartnerKey: { key: string; partnerKey: { id: string } } }>(
        `mutation { createPartnerKey(name: "${name}") { key partnerKey { id } } }`,
        {},
        { role: 'archive_admin' },
      );
      keys.push(expectNoErrors(created.body).createPartnerKey);
    }
    const clients = keys.map(({ key }) => wsClient(server, `ApiKey ${key}`));
    try {
      const got = clients.map(() => [] as Received[]);
      const ended = clients.map(() => false);
      const after = await newestCursor(server.ds);
      clients.forEach((client, i) =>
        client.subscribe(
          { query: SUBSCRIBE, variables: { customerId: gid('Customer', c.id), after } },
          {
            next: (value) => void got[i].push(value as Received),
            error: () => (ended[i] = true),
            complete: () => (ended[i] = true),
          },
        ),
      );
      await rename(c.id, '伙伴一');
      await waitFor(() => got.every((g) => g.length === 1), 'the first event for every app');

      sql.reset();
      await rename(c.id, '伙伴二');
      await waitFor(() => got.every((g) => g.length === 2), 'the second event for every app');
      expect(sql.queries.filter((q) => /FROM [`"]partner_key[`"]/.test(q))).toHaveLength(1);

      expectNoErrors(
        (
          await server.gql(
            'mutation($id: ID!) { revokePartnerKey(id: $id) { revokedAt } }',
            { id: keys[1].partnerKey.id },
            { role: 'general_manager' },
          )
        ).body,
      );
      await rename(c.id, '伙伴三');
      await waitFor(
        () => ended[1] && got[0].length === 3 && got[2].length === 3,
        'the revoked app to end and the others to get the third event',
      );
      expect(got[1][1].errors).toBeUndefined();
      expect(got[1][2].errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      expect(
        [got[0][2], got[2][2]].map((r) => (r.data?.recordChanged as { record: { name: string } }).record.name),
      ).toEqual(['伙伴三', '伙伴三']);
      expect([ended[0], ended[2]]).toEqual([false, false]);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });

  it('ends a subscription with UNAUTHENTICATED once its token expires', async () => {
    const token = await signToken(server.config, 'short-lived', ['general_manager'], '1h');
    // Two hours on, by the clock the server checks running subscriptions' credentials by.
    await expectDeliveryStops(`Bearer ${token}`, async () => {
      clockAhead = 2 * HOUR;
    });
  });

  it("delivers a borrowed A-class archive's events while the grant runs, and stops when it is revoked", async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const manager = await makeUser(server.ds, RoleName.SALES_MANAGER);
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const plain = await makeCustomer(server.ds);
    const asRep = { role: 'sales_rep' as const, userId: rep.id };
    const asManager = { role: 'sales_manager' as const, userId: manager.id };
    const endsAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const asked = expectNoErrors(
      (
        await send(
          server,
          RequestAccessDocument,
          { input: { archiveNo: secret.archiveNo, reason: '核对历史交易以准备续约谈判', endsAt } },
          asRep,
        )
      ).body,
    ).requestAccess;
    const approved = expectNoErrors(
      (await send(server, ApproveAccessDocument, { id: asked.id, version: asked.version }, asManager)).body,
    ).approveAccess;

    const client = wsClient(server, `Bearer ${await server.token('sales_rep', rep.id)}`);
    try {
      const sub = collect(
        client,
        `subscription($after: String) { recordChanged(types: [CUSTOMER], after: $after) { record { id ... on Customer { name } } } }`,
        { after: await newestCursor(server.ds) },
        () => false,
      );
      const names = () => sub.all.map((r) => (r.data?.recordChanged as { record: { name: string } }).record.name);
      await rename(secret.id, '借阅期间');
      await waitFor(() => names().includes('借阅期间'), "the borrowed archive's event");

      expectNoErrors(
        (
          await send(
            server,
            RevokeAccessDocument,
            { id: asked.id, version: approved.version, note: '提前归还' },
            asManager,
          )
        ).body,
      );
      await rename(secret.id, '归还之后');
      await rename(plain.id, '普通档案');
      await waitFor(() => names().includes('普通档案'), "the plain archive's event");
      expect(names()).not.toContain('归还之后');
      sub.stop();
    } finally {
      await client.dispose();
    }
  });
});
