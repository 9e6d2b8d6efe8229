import { describeEachDialect } from '../support/db';
import { gid, makeCustomer } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

/**
 * An unexpected error is logged in full, under its request id, but a failed statement's
 * bound values are personal data: its log lines name the statement, never the values.
 */
describeEachDialect('failed-statement logs', (dialect) => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(dialect, {
      env: { LOG_LEVEL: 'error' },
      logTo: { write: (line: string) => void lines.push(line) },
    });
  });
  afterAll(() => server.stop());

  it('name the statement that failed and leave out the values bound to it', async () => {
    const c = await makeCustomer(server.ds);
    const secrets = { name: '欧阳秘密', mobile: '13912345678', family: '配偶在海关工作', hobbies: '夜钓' };
    // An index the service does not expect: the second INSERT fails, and MySQL quotes the mobile in its message.
    await server.ds.query('CREATE UNIQUE INDEX uq_test_contact_mobile ON contact (mobile)');
    const create = () =>
      server.gql(
        `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
        { input: { customerId: gid('Customer', c.id), ...secrets } },
        { role: 'sales_manager' },
      );
    expectNoErrors((await create()).body);
    lines.length = 0;

    const { body } = await create();
    expect(body.errors?.[0].message).toBe('Unexpected error.');
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; requestId: string; err?: Record<string, unknown> });
    const entry = logged.find((l) => l.msg === 'unexpected error');
    expect(entry).toMatchObject({
      requestId: body.errors?.[0].extensions?.requestId,
      err: { type: 'QueryFailedError', query: expect.stringMatching(/^INSERT INTO\b/) },
    });
    expect(String(entry?.err?.code)).toMatch(dialect === 'mysql' ? /^ER_DUP_ENTRY$/ : /^SQLITE_CONSTRAINT/);
    for (const value of Object.values(secrets)) expect(lines.filter((l) => l.includes(value))).toEqual([]);
  });
});
