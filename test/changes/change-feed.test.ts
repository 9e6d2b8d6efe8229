import type { DataSource } from 'typeorm';
import type { Customer } from '../../src/customers/customer.entity';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { cursorOf, seqOf } from '../../src/changes/hydrate';
import { AbcClass, ArchiveStatus } from '../../src/customers/customer.enums';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer as makeArchive } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlResponse, startTestServer, type TestServer } from '../support/server';
import { collect, newestCursor, type Received, wsClient } from './ws-client';

/** Drafts: the tests below rename them with updateCustomer, which changes only a draft's name (approved archives use renameCustomer). */
const makeCustomer = (ds: DataSource, over: Partial<Customer> = {}) =>
  makeArchive(ds, { status: ArchiveStatus.PENDING_APPROVAL, ...over });

const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id version } }`;
const CHANGES = `query($after: String, $first: Int) { changes(after: $after, first: $first) {
  edges { cursor node { recordType recordId operation changedFields actor record { id ... on Customer { name creditLimit } } } }
  pageInfo { hasNextPage endCursor } } }`;
const SUBSCRIBE = `subscription($after: String, $types: [RecordType!]) { recordChanged(after: $after, types: $types) {
  cursor recordType recordId operation changedFields record { id ... on Customer { name abcClass creditLimit } } } }`;

type PartnerPage = {
  changes: {
    edges: { node: { recordId: string; record: { name: string; creditLimit: null } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};

describeEachDialect('change feed', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const gm = { role: 'general_manager' as const };
  const events = () => server.ds.getRepository(ChangeEvent).find({ order: { seq: 'ASC' } });

  /** Renames a customer through the API: one Customer UPDATED event per call. */
  async function rename(id: number, name: string): Promise<void> {
    const { version } = await server.ds
      .query('SELECT version FROM customer WHERE id = ?', [id])
      .then((r: { version: number }[]) => r[0]);
    expectNoErrors((await server.gql(RENAME, { input: { id: gid('Customer', id), version, name } }, gm)).body);
  }

  it('stores the event in the writing transaction, and none for a failed write', async () => {
    const c = await makeCustomer(server.ds);
    const before = (await events()).length;
    await rename(c.id, '事件测试公司');
    const [event] = (await events()).slice(before);
    expect(event).toMatchObject({
      recordType: 'Customer',
      recordId: c.id,
      customerId: c.id,
      operation: 'UPDATED',
      changedFields: 'name',
      actorSubject: 'test-general_manager',
    });
    expect(JSON.parse(event.payload)).toMatchObject({ id: c.id, name: '事件测试公司' });

    // A stale version fails inside the transaction: no event, and no seq used up.
    const stale = await server.gql(RENAME, { input: { id: gid('Customer', c.id), version: 1, name: '不会写入' } }, gm);
    expect(errorCodes(stale.body)).toEqual(['CONFLICT']);
    const after = await events();
    expect(after.length).toBe(before + 1);
    const [{ last }] = await server.ds.query('SELECT last FROM change_sequence WHERE id = 1');
    expect(Number(last)).toBe(after.at(-1)!.seq);
  });

  it('reports a trade and the statistics it changed on its customer, in one transaction', async () => {
    const c = await makeArchive(server.ds);
    const before = (await events()).length;
    const res = await server.gql(
      `mutation($input: CreateTradeInput!) { createTrade(input: $input) { id } }`,
      {
        input: {
          customerId: gid('Customer', c.id),
          kind: 'ORDER',
          occurredAt: new Date().toISOString(),
          amount: '1200.00',
          paymentMethod: 'CREDIT',
        },
      },
      gm,
    );
    expectNoErrors(res.body);
    const added = (await events()).slice(before);
    expect(added.map((e) => [e.recordType, e.operation, e.customerId])).toEqual([
      ['Trade', 'CREATED', c.id],
      ['Customer', 'UPDATED', c.id],
    ]);
    // Issue 15 adds the decline alert's columns (lastOrderAt, nextPurchaseDueAt) to the statistics.
    expect(added[1].changedFields.split(',')).toEqual([
      'tradeCount',
      'tradeTotal',
      'firstTradeAt',
      'lastTradeAt',
      'lastOrderAt',
      'nextPurchaseDueAt',
      'outstandingBalance',
    ]);
    expect(JSON.parse(added[1].payload)).toMatchObject({ tradeCount: 1, outstandingBalance: '1200.00' });
    expect(added[1].seq).toBe(added[0].seq + 1);
  });

  it('records confidential reads in an event to the read audit, as HTTP answers do', async () => {
    const c = await makeCustomer(server.ds);
    const client = wsClient(server, `Bearer ${await server.token('finance')}`);
    // Earlier tests' events may still be on their way: wait for this customer's.
    const mine = (r: Received) =>
      (r.data?.recordChanged as { recordId?: string } | undefined)?.recordId === gid('Customer', c.id);
    const sub = collect(client, SUBSCRIBE, { after: await newestCursor(server.ds) }, (all) => all.some(mine));
    await rename(c.id, '审计测试公司');
    const received = (await sub.done).find(mine)!;
    await client.dispose();
    expect((received.data!.recordChanged as { record: { creditLimit: string } }).record.creditLimit).toBe('100000.00');
    const audits = await server.ds.query('SELECT kind, fields FROM read_audit WHERE customer_id = ?', [c.id]);
    expect(audits.length).toBeGreaterThan(0);
  });

  it('pages through `changes` in commit order, without A-class events or credit data for a partner', async () => {
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const b = await makeCustomer(server.ds);
    const start = (await events()).at(-1)?.seq ?? 0;
    const startCursor = cursorOf(start);
    for (let i = 0; i < 3; i++) {
      await rename(a.id, `甲级客户${i}`);
      await rename(b.id, `乙级客户${i}`);
    }
    const all = expectNoErrors(
      (
        await server.gql<{ changes: { edges: { node: { recordId: string } }[] } }>(
          CHANGES,
          { after: startCursor, first: 10 },
          gm,
        )
      ).body,
    );
    expect(all.changes.edges.map((e) => e.node.recordId)).toEqual([a, b, a, b, a, b].map((c) => gid('Customer', c.id)));

    const seen: string[] = [];
    let after: string | null = startCursor;
    for (let page = 0; page < 5 && after; page++) {
      const res: GqlResponse<PartnerPage> = await server.gql<PartnerPage>(
        CHANGES,
        { after, first: 2 },
        { role: 'partner' },
      );
      const { edges, pageInfo } = res.body.data!.changes;
      for (const e of edges) {
        seen.push(e.node.record.name);
        expect(e.node.record.creditLimit).toBeNull();
      }
      expect(new Set(errorCodes(res.body))).toEqual(new Set(edges.length ? ['FORBIDDEN'] : []));
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    }
    expect(seen).toEqual(['乙级客户0', '乙级客户1', '乙级客户2']);
  });

  it('closes a socket with 4403 when connection_init has no valid token', async () => {
    for (const auth of [undefined, 'Bearer not-a-token']) {
      const code = await new Promise<number>((resolve) => {
        const client = wsClient(server, auth, resolve);
        collect(client, SUBSCRIBE, {}, () => true).done.catch(() => undefined);
      });
      expect(code).toBe(4403);
    }
  });

  it('applies the HTTP depth limit to subscription documents', async () => {
    const deep = `subscription { recordChanged { record { ... on Customer { contacts { edges { node { customer { contacts { edges { node { customer { name } } } } } } } } } } } }`;
    const client = wsClient(server, `Bearer ${await server.token('general_manager')}`);
    const errors = await collect(client, deep, {}, () => true).done.then(
      () => [],
      (e: { extensions?: { code?: string } }[]) => e,
    );
    await client.dispose();
    expect(errors.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_DEEP']);
  });

  it('answers an invalid or unparsable subscription document with its own error, not an unexpected one', async () => {
    const client = wsClient(server, `Bearer ${await server.token('general_manager')}`);
    const errorsOf = (query: string) =>
      collect(client, query, {}, () => true).done.then(
        () => [],
        (e: { message: string; extensions?: { code?: string } }[]) => e,
      );
    try {
      const invalid = await errorsOf(`subscription { recordChanged(types: [Customer]) { cursor } }`);
      expect(invalid.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(invalid[0].message).toContain('"Customer" does not exist in "RecordType" enum');
      const unparsable = await errorsOf(`subscription { recordChanged { cursor }`);
      expect(unparsable.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_PARSE_FAILED']);
    } finally {
      await client.dispose();
    }
  });

  it('replays from a cursor, then goes live, with no gaps or duplicates under concurrent writers', async () => {
    const customers = await Promise.all([1, 2, 3, 4].map(() => makeCustomer(server.ds)));
    await rename(customers[0].id, '重放起点');
    const from = (await events()).at(-1)!.seq;
    // Missed while away: written before the subscription starts.
    for (const c of customers) await rename(c.id, `离线期间${c.id}`);
    const total = 4 + 4 * 5;
    const client = wsClient(server, `Bearer ${await server.token('general_manager')}`);
    const sub = collect(
      client,
      SUBSCRIBE,
      { after: cursorOf(from), types: ['CUSTOMER'] },
      (all) => all.length >= total,
    );
    // Live: four writers at once, five renames each, while the replay is running.
    await Promise.all(
      customers.map(async (c) => {
        for (let i = 0; i < 5; i++) await rename(c.id, `并发${c.id}-${i}`);
      }),
    );
    const received = await sub.done;
    await client.dispose();
    expect(received.every((r) => !r.errors)).toBe(true);
    const seqs = received.map((r) => seqOf((r.data!.recordChanged as { cursor: string }).cursor)!);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => from + 1 + i));
  });

  it('never delivers A-class events to a partner subscriber, and hides credit fields', async () => {
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const b = await makeCustomer(server.ds);
    const client = wsClient(server, `Bearer ${await server.token('partner')}`);
    const sub = collect(client, SUBSCRIBE, { after: await newestCursor(server.ds) }, (all) => all.length >= 2);
    await rename(a.id, '甲级机密');
    await rename(b.id, '乙级公开1');
    await rename(a.id, '甲级机密2');
    await rename(b.id, '乙级公开2');
    const received = await sub.done;
    await client.dispose();
    const records = received.map(
      (r) => (r.data!.recordChanged as { record: { name: string; creditLimit: unknown } }).record,
    );
    expect(records.map((r) => r.name)).toEqual(['乙级公开1', '乙级公开2']);
    expect(records.every((r) => r.creditLimit === null)).toBe(true);
    expect(received.every((r) => r.errors?.some((e) => e.extensions?.code === 'FORBIDDEN'))).toBe(true);
  });

  it('answers CURSOR_EXPIRED for a cursor older than the retained events', async () => {
    const c = await makeCustomer(server.ds);
    await rename(c.id, '保留期前');
    const old = (await events()).at(-1)!.seq - 1;
    // Ten days on, the sweep deletes everything; one more change is then the oldest kept.
    const { deleteExpiredChanges } = await import('../../src/changes/relay');
    await deleteExpiredChanges(server.ds, 7, new Date(Date.now() + 10 * 24 * 3600 * 1000));
    await rename(c.id, '保留期后');
    const cursor = cursorOf(old);
    expect(errorCodes((await server.gql(CHANGES, { after: cursor }, gm)).body)).toEqual(['CURSOR_EXPIRED']);
    const client = wsClient(server, `Bearer ${await server.token('general_manager')}`);
    // graphql-ws sends a failed subscribe as one result with errors, then completes.
    const [result] = await collect(client, SUBSCRIBE, { after: cursor }, () => true).done;
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['CURSOR_EXPIRED']);
    await client.dispose();
  });

  it('answers CURSOR_UNKNOWN for a cursor past the newest event, rather than skip what comes under its number', async () => {
    const c = await makeCustomer(server.ds);
    await rename(c.id, '最新事件');
    const newest = (await events()).at(-1)!.seq;
    // The database went back (say, restored from a backup): this client had seen newest + 5.
    const ahead = cursorOf(newest + 5);
    const res = await server.gql(CHANGES, { after: ahead }, gm);
    expect(errorCodes(res.body)).toEqual(['CURSOR_UNKNOWN']);
    expect(res.body.errors![0].message).toMatch(/ahead of the change feed/);
    const client = wsClient(server, `Bearer ${await server.token('general_manager')}`);
    const [result] = await collect(client, SUBSCRIBE, { after: ahead }, () => true).done;
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['CURSOR_UNKNOWN']);
    await client.dispose();
    // The newest cursor itself is fine: nothing after it yet.
    expect(
      expectNoErrors((await server.gql<PartnerPage>(CHANGES, { after: cursorOf(newest) }, gm)).body).changes.edges,
    ).toEqual([]);
  });
});
