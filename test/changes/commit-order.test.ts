import type { Logger, QueryRunner } from 'typeorm';
import { ArchiveStatus } from '../../src/customers/customer.enums';
import { committedRead } from '../../src/db/transaction';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

/**
 * The outbox's numbers (issue 20, Capacity). A writer holds the change_sequence row lock from
 * taking its numbers until it commits, which keeps seq order equal to commit order: a reader
 * that has seen N never later finds a committed N-1. What it costs is the time the lock is
 * held, which caps writes/s over all instances: on MySQL it must be one round trip (the
 * statement that takes the numbers also stores the events) and then the COMMIT.
 */
const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { name version } }`;

/** Each transaction's statements, per query runner, from START TRANSACTION/BEGIN to COMMIT. */
class TransactionLog implements Logger {
  private open = new Map<QueryRunner | undefined, string[]>();
  committed: string[][] = [];
  logQuery(query: string, _parameters?: unknown[], runner?: QueryRunner): void {
    if (/^(START TRANSACTION|BEGIN)/.test(query)) return void this.open.set(runner, []);
    const statements = this.open.get(runner);
    if (!statements) return;
    if (query === 'COMMIT') {
      this.committed.push(statements);
      this.open.delete(runner);
    } else statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describeEachDialect('change sequence numbers', (dialect) => {
  const log = new TransactionLog();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { logger: log });
  });
  afterAll(() => server.stop());

  async function renames(customerId: number, count: number) {
    let [{ version }] = await server.ds.query('SELECT version FROM customer WHERE id = ?', [customerId]);
    for (let i = 0; i < count; i++) {
      const res = await server.gql<{ updateCustomer: { version: number } }>(
        RENAME,
        { input: { id: gid('Customer', customerId), version, name: `顺序${customerId}-${i}` } },
        { role: 'general_manager' },
      );
      version = expectNoErrors(res.body).updateCustomer.version;
    }
  }

  it('are taken by the last statement before COMMIT, which also stores the events', async () => {
    const c = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL });
    log.committed = [];
    await renames(c.id, 1);
    const [write] = log.committed.filter((statements) =>
      statements.some((s) => /^UPDATE [`"]customer[`"] SET/.test(s)),
    );
    const taking = write.findIndex((s) => s.includes('change_sequence'));
    const afterTaking = write.slice(taking);
    if (dialect === 'mysql') {
      expect(afterTaking).toHaveLength(1);
      expect(afterTaking[0]).toMatch(
        /^UPDATE change_sequence SET last = LAST_INSERT_ID\(last \+ \?\) WHERE id = 1; INSERT INTO `change_event`/,
      );
    } else {
      // One writer at a time on SQLite anyway: the number comes back, the insert follows.
      expect(afterTaking).toHaveLength(2);
      expect(afterTaking[1]).toMatch(/^INSERT INTO "change_event"/);
    }
  });

  it('follow commit order under concurrent writers: a reader never finds a number below one it has seen', async () => {
    const customers = await Promise.all(
      Array.from({ length: 8 }, () => makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL })),
    );
    const [{ m }] = await server.ds.query('SELECT MAX(seq) AS m FROM change_event');
    const start = Number(m ?? 0);
    let seen = start;
    const read: number[] = [];
    // As the relay reads: committed rows only (SQLite's one connection would show an open transaction's).
    const readOnce = async () => {
      const rows = (await committedRead(server.ds, () =>
        server.ds.query('SELECT seq FROM change_event WHERE seq > ? ORDER BY seq', [seen]),
      )) as { seq: string | number }[];
      for (const { seq } of rows) read.push(Number(seq));
      seen = read.at(-1) ?? seen;
    };
    let writing = true;
    const reader = (async () => {
      // A short pause: SQLite answers without I/O, and the writers' requests must get their turn.
      while (writing) await readOnce().then(() => new Promise((resolve) => setTimeout(resolve, 2)));
    })();
    await Promise.all(customers.map((c) => renames(c.id, 8)));
    writing = false;
    await reader;
    await readOnce();
    // A number committed after a higher one was read would be missing here.
    expect(read).toEqual(Array.from({ length: 64 }, (_, i) => start + 1 + i));
  });
});
