import type { Logger, QueryRunner } from 'typeorm';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { ArchiveStatus } from '../../src/customers/customer.enums';
import { withDeadline } from '../../src/db/wait-limits';
import { gid, makeCustomer } from '../support/factories';
import { type MariaDbHandle, startMariaDb } from '../support/mariadb';
import { errorCodes, expectNoErrors, type GqlResponse, startTestServer, type TestServer } from '../support/server';

/**
 * A stalled and a stopped MariaDB (issue 20, items 4 and 7), played by a server of this
 * test's own: SIGSTOP freezes it (connections stay open, nothing answers), SIGCONT thaws it,
 * SIGKILL stops it. Every request must answer within its limits with the retryable
 * SERVICE_UNAVAILABLE (HTTP 503), say truly whether a write was stored, and the API must
 * serve again after a thaw without a restart.
 */
const LIMITS = {
  DB_STATEMENT_TIMEOUT_MS: 1500,
  DB_ACQUIRE_TIMEOUT_MS: 500,
  DB_QUEUE_LIMIT: 4,
  REQUEST_TIMEOUT_MS: 1000,
  READYZ_TIMEOUT_MS: 300,
};
/** What a loaded 2-core machine may add to a timer. */
const SLACK_MS = 4000;
/** A request still unanswered by then hangs: the test fails instead of waiting for it. */
const HUNG_MS = 10_000;
const gm = { role: 'general_manager' as const };
const CUSTOMER = `query($id: ID!) { customer(id: $id) { name } }`;
const CREDIT = `query($id: ID!) { customer(id: $id) { name creditLimit } }`;
const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { name } }`;

/** Acts at the first statement `when` accepts, synchronously, before that statement is sent. */
class StatementHook implements Logger {
  private when: ((query: string, runner?: QueryRunner) => boolean) | null = null;
  at(when: (query: string, runner?: QueryRunner) => boolean): void {
    this.when = when;
  }
  logQuery(query: string, _parameters?: unknown[], runner?: QueryRunner): void {
    if (this.when?.(query, runner)) this.when = null;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work;
  return { value, ms: Date.now() - started };
}

describe("a stalled or stopped MariaDB (the test's own)", () => {
  const hook = new StatementHook();
  let own: MariaDbHandle;
  let server: TestServer;
  beforeAll(async () => {
    own = await startMariaDb();
    server = await startTestServer('mysql', {
      mysqlServer: own.url,
      logger: hook,
      env: Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, String(v)])),
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop().catch(() => undefined);
    await own?.stop();
  });

  const ask = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>) =>
    server.gql<T>(query, variables, { ...gm, signal: AbortSignal.timeout(HUNG_MS) });
  const get = (path: string) => fetch(`${server.baseUrl}${path}`, { signal: AbortSignal.timeout(HUNG_MS) });
  const freeze = () => own.signal('SIGSTOP');
  /** Thaws the server and waits for the fact that the API can use it again. */
  async function thaw() {
    own.signal('SIGCONT');
    while ((await get('/readyz')).status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  async function rename(customerId: number, name: string) {
    const [{ version }] = await server.ds.query('SELECT version FROM customer WHERE id = ?', [customerId]);
    return ask(RENAME, { input: { id: gid('Customer', customerId), version, name } });
  }
  const stored = async (customerId: number) => {
    const [row] = await server.ds.query('SELECT name FROM customer WHERE id = ?', [customerId]);
    const events = await server.ds.getRepository(ChangeEvent).countBy({ recordType: 'Customer', recordId: customerId });
    return { name: row.name as string, events };
  };
  const expectUnavailable = (res: GqlResponse, message: RegExp) => {
    expect(res.status).toBe(503);
    expect(errorCodes(res.body)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(res.body.errors![0].message).toMatch(message);
  };

  it('frozen: a query answers 503 by its deadline, /readyz 503 by READYZ_TIMEOUT_MS, /healthz at once; thawed, it answers again', async () => {
    const c = await makeCustomer(server.ds, { name: '冻结之前' });
    freeze();
    try {
      const [query, ready, health] = await Promise.all([
        timed(ask(CUSTOMER, { id: gid('Customer', c.id) })),
        timed(get('/readyz')),
        timed(get('/healthz')),
      ]);
      expectUnavailable(query.value, /did not answer in time: retry/);
      expect(query.ms).toBeLessThan(LIMITS.REQUEST_TIMEOUT_MS + SLACK_MS);
      expect(ready.value.status).toBe(503);
      expect(await ready.value.json()).toEqual({
        status: `database did not answer within ${LIMITS.READYZ_TIMEOUT_MS} ms`,
      });
      expect(ready.ms).toBeLessThan(LIMITS.READYZ_TIMEOUT_MS + SLACK_MS);
      expect(health.value.status).toBe(200);
    } finally {
      await thaw();
    }
    expect(expectNoErrors((await ask(CUSTOMER, { id: gid('Customer', c.id) })).body)).toEqual({
      customer: { name: '冻结之前' },
    });
  });

  it('frozen: a statement outside any request ends at DB_STATEMENT_TIMEOUT_MS, and inside withDeadline at the deadline', async () => {
    freeze();
    try {
      const [plain, bounded] = await Promise.all([
        timed(server.ds.query('SELECT 1').catch((err: Error) => err)),
        timed(withDeadline(Date.now() + 200, () => server.ds.query('SELECT 2')).catch((err: Error) => err)),
      ]);
      expect(plain.value).toMatchObject({ driverError: { code: 'DB_STATEMENT_TIMEOUT' } });
      expect(plain.ms).toBeGreaterThanOrEqual(LIMITS.DB_STATEMENT_TIMEOUT_MS - 50);
      expect(plain.ms).toBeLessThan(LIMITS.DB_STATEMENT_TIMEOUT_MS + SLACK_MS);
      expect(bounded.value).toMatchObject({ code: expect.stringMatching(/^DB_(STATEMENT|ACQUIRE)_TIMEOUT$/) });
      expect(bounded.ms).toBeLessThan(200 + SLACK_MS);
    } finally {
      await thaw();
    }
  });

  it('frozen, with more requests than connections and queue places: all answer 503, those past DB_QUEUE_LIMIT as "too busy"', async () => {
    const c = await makeCustomer(server.ds);
    freeze();
    try {
      // 20 connections (the pool), 4 waiting for one (DB_QUEUE_LIMIT), and 6 more.
      const answers = await Promise.all(
        Array.from({ length: 30 }, () => timed(ask(CUSTOMER, { id: gid('Customer', c.id) }))),
      );
      for (const { value, ms } of answers) {
        expectUnavailable(value, /did not answer in time|too busy/);
        expect(ms).toBeLessThan(LIMITS.REQUEST_TIMEOUT_MS + SLACK_MS);
      }
      // Refused by the pool without waiting (DB_QUEUE_FULL); their timing is the machine's.
      expect(answers.filter(({ value }) => /too busy/.test(value.body.errors![0].message)).length).toBeGreaterThan(0);
    } finally {
      await thaw();
    }
  });

  it('frozen during a write: 503 "not stored", and once thawed it is indeed not stored', async () => {
    const c = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL, name: '写入之前' });
    hook.at((query) => /^UPDATE `customer`/.test(query) && (freeze(), true));
    let res: GqlResponse;
    try {
      res = await rename(c.id, '冻结中写入');
    } finally {
      await thaw();
    }
    expectUnavailable(res, /this write was not stored\. Retry/);
    expect(res.body.errors![0].extensions).not.toHaveProperty('writeOutcome');
    expect(await stored(c.id)).toEqual({ name: '写入之前', events: 0 });
  });

  it('frozen at COMMIT: 503 with writeOutcome UNKNOWN, and once thawed the write is there, with its event', async () => {
    const c = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL, name: '提交之前' });
    let writer: QueryRunner | undefined;
    hook.at((query, runner) => {
      if (/^UPDATE `customer`/.test(query)) writer = runner;
      if (query !== 'COMMIT' || runner !== writer) return false;
      freeze();
      return true;
    });
    let res: GqlResponse;
    try {
      res = await rename(c.id, '提交时冻结');
    } finally {
      await thaw();
    }
    expectUnavailable(res, /may or may not have been stored\. Read it back before retrying/);
    expect(res.body.errors![0].extensions).toMatchObject({ writeOutcome: 'UNKNOWN' });
    // The COMMIT waited in the frozen server's socket, and the client gave up on the connection:
    // whether the server still read it once thawed depends on the kernel's timing, so "unknown"
    // is the truth. What must hold is all or nothing: the write with its event, or neither.
    expect([
      { name: '提交时冻结', events: 1 },
      { name: '提交之前', events: 0 },
    ]).toContainEqual(await stored(c.id));
  });

  it('frozen while the read audit is written: the answer is withheld with 503', async () => {
    const c = await makeCustomer(server.ds);
    hook.at((query) => /^INSERT INTO read_audit/.test(query) && (freeze(), true));
    let res: GqlResponse;
    try {
      res = await ask(CREDIT, { id: gid('Customer', c.id) });
    } finally {
      await thaw();
    }
    expectUnavailable(
      res,
      /could not record this answer's confidential reads in the read audit, so the answer was withheld: retry/,
    );
    expect(res.body.data).toBeNull();
  });

  it('stopped: queries, mutations, API keys, the read audit and /readyz answer 503 SERVICE_UNAVAILABLE, never "Unexpected error."', async () => {
    const c = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL });
    const created = await server.gql<{ createPartnerKey: { key: string } }>(
      `mutation { createPartnerKey(name: "停机测试") { key } }`,
      {},
      gm,
    );
    const apiKey = expectNoErrors(created.body).createPartnerKey.key;
    // Stopped dead while the read audit is written: the answer was computed, its record cannot be.
    hook.at((query) => /^INSERT INTO read_audit/.test(query) && (own.signal('SIGKILL'), true));
    expectUnavailable(
      await ask(CREDIT, { id: gid('Customer', c.id) }),
      /read audit, so the answer was withheld: retry/,
    );

    expectUnavailable(await ask(CUSTOMER, { id: gid('Customer', c.id) }), /cannot be reached: retry/);
    expectUnavailable(
      await ask(RENAME, { input: { id: gid('Customer', c.id), version: 1, name: '停机' } }),
      /cannot be reached: retry/,
    );
    expectUnavailable(await ask(`{ changes(first: 5) { edges { cursor } } }`, {}), /cannot be reached: retry/);
    const byKey = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `ApiKey ${apiKey}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(byKey.status).toBe(503);
    expect(
      ((await byKey.json()) as { errors: { extensions: { code: string } }[] }).errors.map((e) => e.extensions.code),
    ).toEqual(['SERVICE_UNAVAILABLE']);
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'database unreachable' });
  });
});
