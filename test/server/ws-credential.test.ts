/**
 * A WebSocket checks its credential for every operation, as HTTP does for every request:
 * once the token has expired or the partner key is revoked, new operations are refused and
 * the socket closes with 4403 after the operations already running have answered.
 */
import { signToken } from '../../src/auth/jwt';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer } from '../support/factories';
import { rawSocket } from '../support/raw-socket';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

const HOUR = 3600_000;
const CUSTOMERS = '{ customers(first: 5) { totalCount edges { node { id name } } } }';
const RENAME = 'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }';

interface ErrorPayload {
  extensions?: { code?: string; reason?: string };
}
const codesOf = (payload: unknown) =>
  (payload as ErrorPayload[]).map((e) => [e.extensions?.code, e.extensions?.reason]);

describeEachDialect('credentials on an open WebSocket', (dialect) => {
  let server: TestServer;
  // Open connections check expiry by this clock: `checksLeft` more checks pass, then it is two hours later.
  let checksLeft = Infinity;
  const now = () => Date.now() + (checksLeft-- > 0 ? 0 : 2 * HOUR);
  beforeAll(async () => {
    server = await startTestServer(dialect, { now });
  });
  afterAll(() => server.stop());
  afterEach(() => {
    checksLeft = Infinity;
  });

  it('refuses a mutation once the partner key is revoked, writes nothing, and closes with 4403', async () => {
    const created = await server.gql<{ createPartnerKey: { key: string; partnerKey: { id: string } } }>(
      'mutation { createPartnerKey(name: "套接字伙伴") { key partnerKey { id } } }',
      {},
      { role: 'archive_admin' },
    );
    const { key, partnerKey } = expectNoErrors(created.body).createPartnerKey;
    const customer = await makeCustomer(server.ds);
    const ws = await rawSocket(server);
    await ws.init(`ApiKey ${key}`);
    ws.subscribe('before', CUSTOMERS);
    await ws.until(() => ws.of('before').some((m) => m.type === 'complete'));
    expect(ws.of('before')[0]).toMatchObject({ type: 'next', payload: { data: { customers: expect.anything() } } });

    expectNoErrors(
      (
        await server.gql(
          'mutation($id: ID!) { revokePartnerKey(id: $id) { revokedAt } }',
          { id: partnerKey.id },
          { role: 'general_manager' },
        )
      ).body,
    );
    // A partner may not write anyway; what matters is that the operation never runs.
    ws.subscribe('after', RENAME, {
      input: { id: gid('Customer', customer.id), version: customer.version, name: '吊销之后' },
    });
    expect(await ws.closed).toBe(4403);
    expect(ws.of('after')).toEqual([
      {
        id: 'after',
        type: 'error',
        payload: [expect.objectContaining({ message: expect.stringContaining('revoked') })],
      },
    ]);
    expect(codesOf(ws.of('after')[0].payload)).toEqual([['UNAUTHENTICATED', 'REVOKED']]);
    const [row] = (await server.ds.query('SELECT name FROM customer WHERE id = ?', [customer.id])) as {
      name: string;
    }[];
    expect(row.name).toBe(customer.name);
  });

  it('refuses operations once the token has expired, after letting the running one answer', async () => {
    const ws = await rawSocket(server);
    await ws.init(`Bearer ${await signToken(server.config, 'socket-client', ['sales_manager'], '1h')}`);
    ws.subscribe('early', CUSTOMERS);
    await ws.until(() => ws.of('early').some((m) => m.type === 'complete'));

    // Both arrive together: `running` is checked while the token holds, `late` once the clock has passed its expiry.
    checksLeft = 1;
    ws.socket.send(JSON.stringify({ id: 'running', type: 'subscribe', payload: { query: CUSTOMERS } }));
    ws.subscribe('late', '{ me { subject } }');
    expect(await ws.closed).toBe(4403);
    expect(ws.of('running').map((m) => m.type)).toEqual(['next', 'complete']);
    expect(ws.of('running')[0].payload).toMatchObject({ data: { customers: { totalCount: expect.any(Number) } } });
    expect(ws.of('late').map((m) => m.type)).toEqual(['error']);
    expect(codesOf(ws.of('late')[0].payload)).toEqual([['UNAUTHENTICATED', 'EXPIRED']]);
  });

  it('says why connection_init was refused in the 4403 close reason', async () => {
    const ws = await rawSocket(server);
    const reason = new Promise<string>((resolve) => ws.socket.once('close', (_code, why) => resolve(why.toString())));
    ws.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer not-a-jwt' } }));
    expect(await ws.closed).toBe(4403);
    expect(await reason).toBe('Forbidden: credential malformed');
  });
});
