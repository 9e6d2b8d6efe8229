import type { DataSource } from 'typeorm';
import type { Customer } from '../../src/customers/customer.entity';
import { ArchiveStatus } from '../../src/customers/customer.enums';
/**
 * Two API instances on one MySQL database with Redis between them. SQLite is left out:
 * two instances need a shared database server.
 */
import Redis from 'ioredis';
import { seqOf } from '../../src/changes/hydrate';
import { WAKE_CHANNEL } from '../../src/changes/redis-wake';
import { gid, makeCustomer as makeArchive } from '../support/factories';
import { startRedis, type RedisHandle } from '../support/redis';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { collect, newestCursor, type Received, wsClient } from './ws-client';

/** Drafts: the tests below rename them with updateCustomer, which changes only a draft's name (approved archives use renameCustomer). */
const makeCustomer = (ds: DataSource, over: Partial<Customer> = {}) =>
  makeArchive(ds, { status: ArchiveStatus.PENDING_APPROVAL, ...over });

const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id version } }`;
const SUBSCRIBE = `subscription($after: String, $customerId: ID) { recordChanged(after: $after, customerId: $customerId) {
  cursor recordType operation record { id ... on Customer { name } } } }`;

type Event = { cursor: string; recordType: string; operation: string; record: { name: string } };
const eventsOf = (all: Received[]) =>
  all.map((r) => {
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data!.recordChanged as Event;
  });

describe('change feed across two instances with Redis [mysql]', () => {
  let redis: RedisHandle;
  let a: TestServer;
  let b: TestServer;
  let listener: Redis;
  const notices: number[] = [];
  const gm = { role: 'general_manager' as const };

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url };
    a = await startTestServer('mysql', { env });
    b = await startTestServer('mysql', { env, databaseUrl: a.db.databaseUrl });
    // Watches the wake channel, to show notices really go through Redis.
    listener = new Redis(redis.url);
    await listener.subscribe(WAKE_CHANNEL);
    listener.on('message', (_c: string, m: string) => notices.push(Number(m)));
  });
  afterAll(async () => {
    listener?.disconnect();
    await b?.stop();
    await a?.stop();
    await redis?.stop();
  });

  /** Renames a customer through instance A: one Customer UPDATED event per call. */
  async function renameOnA(id: number, name: string): Promise<void> {
    const [{ version }] = (await a.ds.query('SELECT version FROM customer WHERE id = ?', [id])) as {
      version: number;
    }[];
    expectNoErrors((await a.gql(RENAME, { input: { id: gid('Customer', id), version, name } }, gm)).body);
  }
  /** The outbox's seqs for one customer: what a gap-free feed must deliver. */
  async function outboxSeqs(customerId: number, afterSeq = 0): Promise<number[]> {
    const rows = (await a.ds.query('SELECT seq FROM change_event WHERE customer_id = ? AND seq > ? ORDER BY seq', [
      customerId,
      afterSeq,
    ])) as { seq: string | number }[];
    return rows.map((r) => Number(r.seq));
  }

  it('delivers writes on A to a subscriber on B in order, and resumes from a cursor', async () => {
    const c = await makeCustomer(a.ds);
    const names = Array.from({ length: 10 }, (_, i) => `跨实例-${i}`);
    const client = wsClient(b, `Bearer ${await b.token('general_manager')}`);
    try {
      const sub = collect(
        client,
        SUBSCRIBE,
        { customerId: gid('Customer', c.id), after: await newestCursor(a.ds) },
        (all) => all.length >= names.length,
      );
      const noticesBefore = notices.length;
      for (const name of names) await renameOnA(c.id, name);
      const got = eventsOf(await sub.done);
      expect(got.map((e) => e.record.name)).toEqual(names);
      expect(got.map((e) => seqOf(e.cursor))).toEqual(await outboxSeqs(c.id));
      expect(notices.length).toBeGreaterThan(noticesBefore);

      // A subscriber that comes back after the third event gets exactly the other seven.
      const resumed = collect(
        client,
        SUBSCRIBE,
        { customerId: gid('Customer', c.id), after: got[2].cursor },
        (all) => all.length >= 7,
      );
      expect(eventsOf(await resumed.done).map((e) => e.cursor)).toEqual(got.slice(3).map((e) => e.cursor));
    } finally {
      await client.dispose();
    }
  });

  it('loses nothing when instance B stops mid-stream and comes back', async () => {
    const c = await makeCustomer(a.ds);
    const env = { REDIS_URL: redis.url };
    let client = wsClient(b, `Bearer ${await b.token('general_manager')}`);
    const first = collect(
      client,
      SUBSCRIBE,
      { customerId: gid('Customer', c.id), after: await newestCursor(a.ds) },
      (all) => all.length >= 3,
    );
    for (const i of [0, 1, 2]) await renameOnA(c.id, `重启前-${i}`);
    const before = eventsOf(await first.done);
    await client.dispose();

    await b.stop();
    for (const i of [0, 1, 2, 3]) await renameOnA(c.id, `停机中-${i}`);
    b = await startTestServer('mysql', { env, databaseUrl: a.db.databaseUrl });

    client = wsClient(b, `Bearer ${await b.token('general_manager')}`);
    try {
      const resumed = collect(
        client,
        SUBSCRIBE,
        { customerId: gid('Customer', c.id), after: before.at(-1)!.cursor },
        (all) => all.length >= 5,
      );
      // Wait for the replay of the four missed events before the live one, so the order is known.
      while (resumed.all.length < 4) await new Promise((r) => setTimeout(r, 20));
      await renameOnA(c.id, '重启后');
      const after = eventsOf(await resumed.done);
      expect(after.map((e) => e.record.name)).toEqual(['停机中-0', '停机中-1', '停机中-2', '停机中-3', '重启后']);
      expect([...before, ...after].map((e) => seqOf(e.cursor))).toEqual(await outboxSeqs(c.id));
    } finally {
      await client.dispose();
    }
  });

  it('keeps delivering by polling when an instance cannot reach Redis', async () => {
    // Nothing listens on port 1: the instance starts anyway, warns, and relies on its poll.
    const c2 = await startTestServer('mysql', {
      env: { REDIS_URL: 'redis://127.0.0.1:1' },
      databaseUrl: a.db.databaseUrl,
    });
    const client = wsClient(c2, `Bearer ${await c2.token('general_manager')}`);
    try {
      const c = await makeCustomer(a.ds);
      const sub = collect(
        client,
        SUBSCRIBE,
        { customerId: gid('Customer', c.id), after: await newestCursor(a.ds) },
        (all) => all.length >= 2,
      );
      await renameOnA(c.id, '无Redis-0');
      await renameOnA(c.id, '无Redis-1');
      expect(eventsOf(await sub.done).map((e) => e.record.name)).toEqual(['无Redis-0', '无Redis-1']);
    } finally {
      await client.dispose();
      await c2.stop();
    }
  });
});
