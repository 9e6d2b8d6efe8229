import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import type { Logger } from 'typeorm';
import { ArchiveStatus } from '../../src/customers/customer.enums';
import { gid, makeCustomer } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlResponse, startTestServer, type TestServer } from '../support/server';

/**
 * The SQLite file locked by another process (issue 20, medium 6): a seed, a migration, a
 * backup or a sqlite3 shell holding the write lock. Played by a second better-sqlite3
 * connection in this process that takes the lock with BEGIN IMMEDIATE (which returns at
 * once, so any stall of this event loop is the API's). The API must keep answering
 * meanwhile, then either store the write once the lock is released or, past
 * SQLITE_LOCK_WAIT_MS, answer SERVICE_UNAVAILABLE.
 */
const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { name } }`;
const CUSTOMER = `query($id: ID!) { customer(id: $id) { name } }`;
const LOCK_WAIT_MS = 2000;
const gm = { role: 'general_manager' as const };

/** Resolves `began` when the API starts a transaction: the fact a test waits for. */
class BeginWatcher implements Logger {
  private resolve: () => void = () => undefined;
  began = Promise.resolve();
  expect(): void {
    this.began = new Promise((resolve) => (this.resolve = resolve));
  }
  logQuery(query: string): void {
    if (/^BEGIN/i.test(query)) this.resolve();
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

describe('SQLite locked by another process', () => {
  const watcher = new BeginWatcher();
  let server: TestServer;
  let holder: Database.Database;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { logger: watcher, env: { SQLITE_LOCK_WAIT_MS: String(LOCK_WAIT_MS) } });
    holder = new Database(server.db.sqlitePath!);
  });
  afterEach(() => {
    if (holder.inTransaction) holder.exec('ROLLBACK');
  });
  afterAll(async () => {
    holder.close();
    await server.stop();
  });

  async function rename(customerId: number, name: string) {
    const [{ version }] = await server.ds.query('SELECT version FROM customer WHERE id = ?', [customerId]);
    return server.gql<{ updateCustomer: { name: string } }>(
      RENAME,
      { input: { id: gid('Customer', customerId), version, name } },
      gm,
    );
  }

  /**
   * Starts a rename while `holder` has the lock and waits until the API has begun its
   * transaction; then /healthz and a read must answer while the rename is still waiting.
   */
  async function renameWhileLocked(customerId: number, name: string) {
    holder.exec('BEGIN IMMEDIATE');
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    watcher.expect();
    let settled = false;
    const write = rename(customerId, name).finally(() => (settled = true));
    await watcher.began;
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    const read = expectNoErrors(
      (await server.gql<{ customer: { name: string } }>(CUSTOMER, { id: gid('Customer', customerId) }, gm)).body,
    );
    expect(read.customer.name).not.toBe(name);
    expect(settled).toBe(false);
    return {
      write,
      /** The longest the event loop stood still since the lock was taken, in ms. */
      longestStall: () => (loop.disable(), loop.max / 1e6),
    };
  }

  const committedName = (customerId: number) =>
    (holder.prepare('SELECT name FROM customer WHERE id = ?').get(customerId) as { name: string }).name;

  it('keeps answering while it waits, and stores the write once the lock is released', async () => {
    // A draft: updateCustomer changes only a draft's name.
    const c = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL });
    const { write, longestStall } = await renameWhileLocked(c.id, '等锁之后');
    holder.exec('COMMIT');
    expect(expectNoErrors((await write).body).updateCustomer.name).toBe('等锁之后');
    expect(committedName(c.id)).toBe('等锁之后');
    expect(longestStall()).toBeLessThan(1000);
  });

  it('answers SERVICE_UNAVAILABLE once the lock outlasts SQLITE_LOCK_WAIT_MS, and writes again after', async () => {
    // A draft: updateCustomer changes only a draft's name.
    const c = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL });
    const { write, longestStall } = await renameWhileLocked(c.id, '锁住写不进');
    const refused: GqlResponse = await write;
    expect(longestStall()).toBeLessThan(1000);
    holder.exec('ROLLBACK');
    expect(refused.status).toBe(503);
    expect(errorCodes(refused.body)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(refused.body.errors![0].message).toMatch(/locked by another process.*not stored/);
    expect(committedName(c.id)).not.toBe('锁住写不进');

    expectNoErrors((await rename(c.id, '锁放开了')).body);
    expect(committedName(c.id)).toBe('锁放开了');
  });
});
