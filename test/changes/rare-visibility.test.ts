/**
 * A partner that sees one event in a thousand: its cursor must move with the feed, not stay
 * at its last visible event, or that event leaving retention would answer CURSOR_EXPIRED
 * although nothing it could see expired. Polling (`changes`' endCursor), starting at the head
 * (`changesHead`) and subscribing with checkpoints (`changeFeed`) are each checked across a
 * retention sweep: every visible event arrives exactly once, and none that is not visible.
 */
import { ChangeFeedService } from '../../src/changes/change-feed.service';
import { cursorOf, seqOf } from '../../src/changes/hydrate';
import { deleteExpiredChanges } from '../../src/changes/relay';
import type { Customer } from '../../src/customers/customer.entity';
import { AbcClass } from '../../src/customers/customer.enums';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer } from '../support/factories';
import { errorCodes, expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { commitEvents } from './outbox';
import { collect, type Received, wsClient } from './ws-client';

const DAY = 24 * 3600 * 1000;
const RETENTION_DAYS = 7;
const HEAD = `{ changesHead }`;
const CHANGES = `query($after: String, $first: Int) { changes(after: $after, first: $first) {
  edges { cursor node { recordId } } pageInfo { hasNextPage endCursor } } }`;
const FEED = `subscription($after: String) { changeFeed(after: $after) {
  __typename ... on ChangeCheckpoint { cursor } ... on RecordChange { cursor recordId record { ... on Customer { name } } } } }`;

type Page = {
  changes: {
    edges: { cursor: string; node: { recordId: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
};
type FeedMessage = { __typename: 'ChangeCheckpoint' | 'RecordChange'; cursor: string; recordId?: string };

describeEachDialect('a partner that sees few events', (dialect) => {
  let server: TestServer;
  let visible: Customer;
  let hidden: Customer;
  beforeAll(async () => {
    // Checkpoints after every batch, so the test need not wait for the default 30 s.
    server = await startTestServer(dialect, { env: { CHANGE_CHECKPOINT_SECONDS: '0' } });
    visible = await makeCustomer(server.ds);
    hidden = await makeCustomer(server.ds, { abcClass: AbcClass.A });
  });
  afterAll(() => server.stop());

  const partner = { role: 'partner' as const };
  const head = async () =>
    expectNoErrors((await server.gql<{ changesHead: string }>(HEAD, {}, partner)).body).changesHead;

  /** 999 events of an A-class archive around one of a B-class archive: the visible one's seq. */
  async function oneInAThousand(): Promise<number> {
    await commitEvents(server.ds, hidden, 400);
    const [seq] = await commitEvents(server.ds, visible, 1);
    await commitEvents(server.ds, hidden, 599);
    return seq;
  }

  /** Ten days on, the retention sweep deletes every event committed so far. */
  const tenDaysOn = () => deleteExpiredChanges(server.ds, RETENTION_DAYS, new Date(Date.now() + 10 * DAY));

  /** Pages from `after` until the feed has no more: the visible seqs received and where the reader stands. */
  async function poll(after: string): Promise<{ seqs: number[]; end: string }> {
    const seqs: number[] = [];
    for (let cursor = after; ;) {
      const { body } = await server.gql<Page>(CHANGES, { after: cursor, first: 50 }, partner);
      const { edges, pageInfo } = expectNoErrors(body).changes;
      seqs.push(...edges.map((e) => seqOf(e.cursor)!));
      cursor = pageInfo.endCursor;
      if (!pageInfo.hasNextPage) return { seqs, end: cursor };
    }
  }

  it('gives the newest cursor as changesHead: changes after it are exactly those committed later', async () => {
    const start = await head();
    expect(expectNoErrors((await server.gql<Page>(CHANGES, { after: start }, partner)).body).changes.edges).toEqual([]);
    const [seq] = await commitEvents(server.ds, visible, 1);
    expect(seqOf(await head())).toBe(seq);
    expect((await poll(start)).seqs).toEqual([seq]);
    // Sealed like every cursor: the same for every role, and nothing a client can count.
    expect(
      expectNoErrors((await server.gql<{ changesHead: string }>(HEAD, {}, { role: 'general_manager' })).body)
        .changesHead,
    ).toBe(cursorOf(seq));
  });

  it('polling: resumes from endCursor after its last visible event left retention, and gets each visible event once', async () => {
    const start = await head();
    const first = await oneInAThousand();
    const seen = await poll(start);
    expect(seen.seqs).toEqual([first]);
    // The reader stands at the head, past the 999 events it could not see.
    expect(seen.end).toBe(await head());

    // Everything above leaves retention, its one visible event included.
    await tenDaysOn();
    const second = await oneInAThousand();
    const third = await oneInAThousand();
    const resumed = await poll(seen.end);
    expect(resumed.seqs).toEqual([second, third]);
    // Where the reader would stand had endCursor stayed at its last event: that is gone.
    expect(errorCodes((await server.gql(CHANGES, { after: cursorOf(first) }, partner)).body)).toEqual([
      'CURSOR_EXPIRED',
    ]);
  });

  it('polling: a page that finds nothing visible still moves endCursor, within a bounded scan', async () => {
    const viewer = { userId: null, subject: 'test-partner', roles: ['partner' as const] };
    const feed = new ChangeFeedService(server.ds, 300);
    const from = seqOf(await head())!;
    const seqs = await commitEvents(server.ds, hidden, 1000);
    const [shown] = await commitEvents(server.ds, visible, 1);
    const pages = [];
    for (let after = cursorOf(from); ;) {
      const page = await feed.page(viewer, after, 20);
      pages.push({ events: page.events.map((e) => e.seq), end: page.endSeq, more: page.hasNextPage });
      after = cursorOf(page.endSeq);
      if (!page.hasNextPage) break;
    }
    expect(pages).toEqual([
      { events: [], end: from + 300, more: true },
      { events: [], end: from + 600, more: true },
      { events: [], end: from + 900, more: true },
      { events: [shown], end: seqs.at(-1)! + 1, more: false },
    ]);
  });

  it('subscribing with checkpoints: resumes from its last checkpoint after its last visible event left retention', async () => {
    const start = await head();
    const token = await server.token('partner');
    const first = await oneInAThousand();
    const caughtUp = await head();
    const feedUntil = async (after: string, upTo: string) => {
      const client = wsClient(server, `Bearer ${token}`);
      const last = (all: Received[]) => (all.at(-1)?.data?.changeFeed as FeedMessage | undefined)?.cursor;
      const received = await collect(
        client,
        FEED,
        { after },
        (all) => all.some((r) => r.errors) || seqOf(last(all) ?? '')! >= seqOf(upTo)!,
      ).done;
      await client.dispose();
      expect(received.flatMap((r) => r.errors ?? [])).toEqual([]);
      return received.map((r) => r.data!.changeFeed as FeedMessage);
    };

    const before = await feedUntil(start, caughtUp);
    // Its one event, and checkpoints past what it may not see.
    expect(before.filter((m) => m.__typename === 'RecordChange').map((m) => seqOf(m.cursor))).toEqual([first]);
    expect(before.at(-1)).toEqual({ __typename: 'ChangeCheckpoint', cursor: caughtUp });
    const seqs = before.map((m) => seqOf(m.cursor)!);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    await tenDaysOn();
    const second = await oneInAThousand();
    const after = await feedUntil(before.at(-1)!.cursor, await head());
    expect(after.filter((m) => m.__typename === 'RecordChange').map((m) => [seqOf(m.cursor), m.recordId])).toEqual([
      [second, gid('Customer', visible.id)],
    ]);
    // With nothing to send, a checkpoint of where it starts comes at once.
    const now = await head();
    expect(await feedUntil(now, now)).toEqual([{ __typename: 'ChangeCheckpoint', cursor: now }]);
  });
});
