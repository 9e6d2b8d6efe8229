import type { DataSource } from 'typeorm';
import { ArchiveStatus } from '../../src/customers/customer.enums';
/**
 * Subscriptions of one view share a single pass per batch (changes/delivery/view-group.ts). A
 * client that stops reading must neither hold the others back nor lose anything: once its
 * socket holds more than the server lets it queue, it is sent nothing more, and when it
 * reads again it catches up from the outbox, in order, then goes live again.
 */
import WebSocket from 'ws';
import { seqOf } from '../../src/changes/hydrate';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { type Customer } from '../../src/customers/customer.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer as makeArchive } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { commitEvents } from './outbox';
import { newestCursor } from './ws-client';

/** Drafts: the tests below rename them with updateCustomer, which changes only a draft's name (approved archives use renameCustomer). */
const makeCustomer = (ds: DataSource, over: Partial<Customer> = {}) =>
  makeArchive(ds, { status: ArchiveStatus.PENDING_APPROVAL, ...over });

const SUBSCRIPTION = `subscription($after: String) { recordChanged(types: [CUSTOMER], after: $after) { cursor record { id ... on Customer { address } } } }`;
const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }`;
/** Enough bytes in events to fill a paused client's socket buffers and the server's queue many times over. */
const EVENTS = 3000;
const ADDRESS = '长'.repeat(2500);

interface RawSubscriber {
  socket: WebSocket;
  seqs: number[];
  errors: unknown[];
}

/** A bare graphql-transport-ws client, so that it can be paused (ws's pause() stops reading its socket). */
function subscribe(server: TestServer, token: string, after: string): Promise<RawSubscriber> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const sub: RawSubscriber = { socket, seqs: [], errors: [] };
    socket.once('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
    );
    socket.once('error', reject);
    socket.on('message', (raw: Buffer) => {
      const msg = JSON.parse(raw.toString()) as {
        type: string;
        payload?: { data?: { recordChanged: { cursor: string } }; errors?: unknown[] };
      };
      if (msg.type === 'connection_ack') {
        socket.send(
          JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION, variables: { after } } }),
        );
        resolve(sub);
      } else if (msg.type === 'next') {
        if (msg.payload?.errors) sub.errors.push(...msg.payload.errors);
        else sub.seqs.push(seqOf(msg.payload!.data!.recordChanged.cursor)!);
      }
    });
  });
}

async function until(what: string, done: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const fellBehind = async (server: TestServer) => {
  const text = await server.metrics();
  return Number(/^change_feed_fell_behind_total (\d+)/m.exec(text)?.[1] ?? NaN);
};

describeEachDialect('live delivery shared by subscribers of one view', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  it('lets a client that stopped reading fall behind alone, then catch up from the outbox in order and go live again', async () => {
    const customer = await makeCustomer(server.ds);
    const token = await server.token('general_manager');
    const after = await newestCursor(server.ds);
    const fast = await subscribe(server, token, after);
    const slow = await subscribe(server, token, after);
    try {
      const behindBefore = await fellBehind(server);
      slow.socket.pause();

      const seqs = await commitEvents(server.ds, customer, EVENTS, { ...customer, address: ADDRESS });
      await until('the reading client to get every event', () => fast.seqs.length >= EVENTS);
      expect(fast.seqs).toEqual(seqs);
      // The paused one at least (a page of these events is more than a socket may queue, so
      // the reading one can fall behind for a moment too, and catch up the same way).
      expect(await fellBehind(server)).toBeGreaterThan(behindBefore);
      expect(slow.seqs.length).toBeLessThan(EVENTS);

      slow.socket.resume();
      await until('the paused client to catch up', () => slow.seqs.length >= EVENTS);
      expect(slow.seqs).toEqual(seqs);

      // Both are live again: a write through the API reaches each exactly once, after the rest;
      // a second one marks the end, so anything sent twice would have arrived before it.
      for (const name of ['追上之后', '结束标记']) {
        const [{ version }] = (await server.ds.query('SELECT version FROM customer WHERE id = ?', [customer.id])) as {
          version: number;
        }[];
        expectNoErrors(
          (
            await server.gql(
              RENAME,
              { input: { id: gid('Customer', customer.id), version, name } },
              { role: 'general_manager' },
            )
          ).body,
        );
      }
      const marker = (await server.ds.getRepository(ChangeEvent).maximum('seq'))!;
      await until('the live events on both', () => fast.seqs.includes(marker) && slow.seqs.includes(marker), 10_000);
      expect(slow.seqs).toEqual(fast.seqs);
      expect(fast.seqs).toHaveLength(EVENTS + 2);
      expect(fast.errors).toEqual([]);
      expect(slow.errors).toEqual([]);
    } finally {
      fast.socket.close();
      slow.socket.close();
    }
  }, 120_000);
});
