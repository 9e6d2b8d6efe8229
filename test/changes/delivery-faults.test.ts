/**
 * Faults during delivery, injected on the test's own database: a table that delivery needs is
 * renamed away for a while, so its statements fail as in an outage. A subscription must carry
 * on through it: its events are held back and retried, and once the fault clears it gets every
 * one of them exactly once, in order. An audited event is never sent before its read audit is
 * written, and never skipped: it waits until the audit can be written.
 */
import type { DataSource } from 'typeorm';
import { seqOf } from '../../src/changes/hydrate';
import type { Customer } from '../../src/customers/customer.entity';
import { ArchiveStatus } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer as makeArchive, makeUser } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';
import { commitEvents } from './outbox';
import { collect, newestCursor, type Received, wsClient } from './ws-client';

/** Drafts: renamed with updateCustomer, which changes only a draft's name. */
const makeCustomer = (ds: DataSource, over: Partial<Customer> = {}) =>
  makeArchive(ds, { status: ArchiveStatus.PENDING_APPROVAL, ...over });

const NAMES = `subscription($customerId: ID, $after: String) { recordChanged(customerId: $customerId, after: $after) {
  cursor record { id ... on Customer { name } } } }`;
const CREDIT = `subscription($customerId: ID, $after: String) { recordChanged(customerId: $customerId, after: $after) {
  cursor record { id ... on Customer { name creditLimit } } } }`;
const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }`;

type Change = { cursor: string; record: { name: string; creditLimit?: string } };
const changesOf = (all: Received[]) => all.map((r) => r.data!.recordChanged as Change);

describeEachDialect('change delivery through database faults', (dialect) => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect, {
      env: { LOG_LEVEL: 'warn' },
      logTo: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(() => server.stop());

  /** Whether the server logged a message matching `pattern` since the test began. */
  const logged = (pattern: RegExp) => lines.some((line) => pattern.test((JSON.parse(line) as { msg: string }).msg));

  /** Polls `check` (a fact on the server or the client) for up to 20 s. */
  async function until(what: string, check: () => boolean): Promise<void> {
    for (const deadline = Date.now() + 20_000; !check(); await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    }
  }

  /** Runs `during` with `table` renamed away: every statement on it fails meanwhile. */
  async function withoutTable<T>(table: string, during: () => Promise<T>): Promise<T> {
    await server.ds.query(`ALTER TABLE ${table} RENAME TO ${table}_away`);
    try {
      return await during();
    } finally {
      await server.ds.query(`ALTER TABLE ${table}_away RENAME TO ${table}`);
    }
  }

  async function rename(id: number, name: string): Promise<void> {
    const [{ version }] = (await server.ds.query('SELECT version FROM customer WHERE id = ?', [id])) as {
      version: number;
    }[];
    expectNoErrors(
      (await server.gql(RENAME, { input: { id: gid('Customer', id), version, name } }, { role: 'general_manager' }))
        .body,
    );
  }

  /** The outbox's seqs of one customer after `cursor`: what a subscriber must get, each once, in this order. */
  async function outboxSeqs(customerId: number, cursor: string): Promise<number[]> {
    const rows = (await server.ds.query('SELECT seq FROM change_event WHERE customer_id = ? AND seq > ? ORDER BY seq', [
      customerId,
      seqOf(cursor),
    ])) as { seq: string | number }[];
    return rows.map((r) => Number(r.seq));
  }

  /** Subscribes to one customer's changes after the newest event; fails the test at once if the subscription ends. */
  async function subscribe(authorization: string, query: string, customer: Customer, count: number) {
    const after = await newestCursor(server.ds);
    const client = wsClient(server, authorization);
    const sub = collect(
      client,
      query,
      { customerId: gid('Customer', customer.id), after },
      (all) => all.length >= count,
    );
    let ended: unknown = null;
    sub.done.catch((err: unknown) => (ended = err ?? 'ended'));
    const waitFor = (what: string, check: () => boolean) =>
      until(what, () => {
        if (ended) throw new Error(`the subscription ended: ${JSON.stringify(ended)}`);
        return check();
      });
    return { after, client, sub, waitFor };
  }

  beforeEach(() => {
    lines.length = 0;
  });

  it("keeps a partner app's subscription while its key cannot be checked, then delivers every event once", async () => {
    const created = await server.gql<{ createPartnerKey: { key: string } }>(
      'mutation { createPartnerKey(name: "故障伙伴") { key } }',
      {},
      { role: 'archive_admin' },
    );
    const c = await makeCustomer(server.ds);
    const { after, client, sub, waitFor } = await subscribe(
      `ApiKey ${expectNoErrors(created.body).createPartnerKey.key}`,
      NAMES,
      c,
      4,
    );
    try {
      await rename(c.id, '故障前');
      await waitFor('the first event', () => sub.all.length === 1);
      await withoutTable('partner_key', async () => {
        await rename(c.id, '故障中一');
        await rename(c.id, '故障中二');
        await waitFor('a failed key check', () => logged(/credential check failed/));
      });
      await rename(c.id, '故障后');
      const got = await sub.done;
      expect(got.every((r) => !r.errors)).toBe(true);
      expect(changesOf(got).map((e) => e.record.name)).toEqual(['故障前', '故障中一', '故障中二', '故障后']);
      expect(changesOf(got).map((e) => seqOf(e.cursor))).toEqual(await outboxSeqs(c.id, after));
    } finally {
      await client.dispose();
    }
  });

  it('keeps a subscription while its scope check and the outbox read fail, then delivers every event once', async () => {
    const c = await makeCustomer(server.ds);
    // A partner token: its scope (no A-class archives) is a condition on the customer table.
    const { after, client, sub, waitFor } = await subscribe(`Bearer ${await server.token('partner')}`, NAMES, c, 4);
    try {
      await rename(c.id, '故障前');
      await waitFor('the first event', () => sub.all.length === 1);
      await withoutTable('customer', async () => {
        // Written straight to the outbox, as no write through the API can go without the customer table.
        await commitEvents(server.ds, c, 3, { ...c, name: '批量写入' });
        // The live batch's scope check fails, then the retry's read of the outbox.
        await waitFor(
          'a failed scope check and a failed outbox read',
          () => logged(/scope check failed/) && logged(/reading the outbox failed/),
        );
      });
      const got = await sub.done;
      expect(got.every((r) => !r.errors)).toBe(true);
      expect(changesOf(got).map((e) => e.record.name)).toEqual(['故障前', '批量写入', '批量写入', '批量写入']);
      expect(changesOf(got).map((e) => seqOf(e.cursor))).toEqual(await outboxSeqs(c.id, after));
    } finally {
      await client.dispose();
    }
  });

  it('holds an audited event back while its read audit cannot be written, then delivers it once, audited', async () => {
    const user = await makeUser(server.ds, RoleName.FINANCE);
    const c = await makeCustomer(server.ds);
    const { after, client, sub, waitFor } = await subscribe(
      `Bearer ${await server.token('finance', user.id)}`,
      CREDIT,
      c,
      2,
    );
    try {
      await withoutTable('read_audit', async () => {
        await rename(c.id, '审计故障一');
        await waitFor('a failed audit write', () => logged(/read audit failed/));
        // Its credit limit was read for this user, and that is not on record: it must not have gone out.
        expect(sub.all).toEqual([]);
        await rename(c.id, '审计故障二');
      });
      const got = await sub.done;
      expect(got.every((r) => !r.errors)).toBe(true);
      expect(changesOf(got).map((e) => [e.record.name, e.record.creditLimit])).toEqual([
        ['审计故障一', '100000.00'],
        ['审计故障二', '100000.00'],
      ]);
      expect(changesOf(got).map((e) => seqOf(e.cursor))).toEqual(await outboxSeqs(c.id, after));
      const audits = (await server.ds.query(
        "SELECT COUNT(*) AS n FROM read_audit WHERE customer_id = ? AND user_id = ? AND kind = 'CREDIT_FIELDS'",
        [c.id, user.id],
      )) as { n: string | number }[];
      expect(Number(audits[0].n)).toBeGreaterThan(0);
    } finally {
      await client.dispose();
    }
  });
});
