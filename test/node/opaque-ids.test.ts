/**
 * Ids and cursors are sealed with the server's key (src/common/global-id.ts): a partner who
 * sees a run of them learns neither how many rows exist nor where the hidden ones are, and
 * an id that was not issued by us answers exactly as the id of a missing row does.
 */
import { AbcClass, ArchiveStatus } from '../../src/customers/customer.enums';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer } from '../support/factories';
import { errorCodes, expectNoErrors, startTestServer, type TestServer } from '../support/server';

type Edge = { cursor: string; node: { id: string; name: string } };
type CustomerPage = { customers: { edges: Edge[]; pageInfo: { endCursor: string } } };
type ChangePage = { changes: { edges: { cursor: string; node: { recordId: string } }[] } };

const LIST = `query($q: String!, $after: String) { customers(first: 50, after: $after, filter: { search: $q }, orderBy: { field: NAME, direction: ASC }) {
  edges { cursor node { id name } } pageInfo { endCursor } } }`;
const CHANGES = `query($after: String) { changes(after: $after, first: 50) { edges { cursor node { recordId } } } }`;
const RENAME = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }`;

/** The 16 bytes behind an id or change cursor, as base64url spells them. */
const bytesOf = (token: string) => Buffer.from(token, 'base64url');
/** The id of the old, readable format: base64url("Type:rowId"). */
const oldFormat = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
const strip = (body: unknown) => JSON.stringify(body).replace(/"requestId":"[^"]+"/g, '');

describeEachDialect('opaque ids and cursors', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const manager = { role: 'sales_manager' as const };

  it('gives consecutive rows ids and cursors that share no pattern and name no row id', async () => {
    const tag = `连号${dialect}`;
    const rows = [];
    for (let i = 0; i < 24; i++)
      rows.push(await makeCustomer(server.ds, { name: `${tag}${String(i).padStart(2, '0')}` }));
    const page = expectNoErrors((await server.gql<CustomerPage>(LIST, { q: tag }, manager)).body).customers;
    expect(page.edges.map((e) => e.node.id)).toEqual(rows.map((r) => gid('Customer', r.id)));

    const ids = page.edges.map((e) => bytesOf(e.node.id));
    for (const id of ids) expect(id).toHaveLength(16);
    // In a readable format the type and the high digits would stay put; sealed, no byte position does.
    for (let byte = 0; byte < 16; byte++) expect(new Set(ids.map((id) => id[byte])).size).toBeGreaterThan(1);
    for (let i = 1; i < ids.length; i++) expect(differingBits(ids[i - 1], ids[i])).toBeGreaterThan(30);
    for (const [i, id] of ids.entries()) {
      expect(id.toString('latin1')).not.toContain('Customer');
      expect(id.toString('latin1')).not.toContain(String(rows[i].id));
    }

    // A list cursor holds the sort value (the caller reads it anyway) and the opaque id, not the row id.
    for (const [i, edge] of page.edges.entries()) {
      expect(JSON.parse(bytesOf(edge.cursor).toString('utf8'))).toEqual([rows[i].name, gid('Customer', rows[i].id)]);
    }
    const rest = expectNoErrors(
      (await server.gql<CustomerPage>(LIST, { q: tag, after: page.edges[11].cursor }, manager)).body,
    ).customers;
    expect(rest.edges.map((e) => e.node.name)).toEqual(rows.slice(12).map((r) => r.name));
  });

  it('gives lists in row-id order cursors without the row id', async () => {
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    for (let i = 0; i < 3; i++)
      expectNoErrors((await server.gql(`{ customer(id: "${gid('Customer', a.id)}") { name } }`, {}, manager)).body);
    type Audits = { readAudits: { edges: { cursor: string; node: { id: string } }[] } };
    const page = (after?: string) =>
      server.gql<Audits>(
        `query($c: ID!, $after: String) { readAudits(customerId: $c, first: 2, after: $after) {
      edges { cursor node { id } } } }`,
        { c: gid('Customer', a.id), after },
        { role: 'archive_admin' },
      );
    const first = expectNoErrors((await page()).body).readAudits.edges;
    const rows: { id: number }[] = await server.ds.query(
      'SELECT id FROM read_audit WHERE customer_id = ? ORDER BY id DESC',
      [a.id],
    );
    expect(first.map((e) => e.node.id)).toEqual(rows.slice(0, 2).map((r) => gid('ReadAudit', r.id)));
    for (const [i, edge] of first.entries())
      expect(JSON.parse(bytesOf(edge.cursor).toString('utf8'))).toEqual([null, gid('ReadAudit', rows[i].id)]);
    const second = expectNoErrors((await page(first[1].cursor)).body).readAudits.edges;
    expect(second.map((e) => e.node.id)).toEqual([gid('ReadAudit', rows[2].id)]);
  });

  it('gives change cursors that neither count the feed nor show its gaps', async () => {
    // Drafts: updateCustomer renames them (approved archives are renamed with renameCustomer).
    const a = await makeCustomer(server.ds, { abcClass: AbcClass.A, status: ArchiveStatus.PENDING_APPROVAL });
    const b = await makeCustomer(server.ds, { status: ArchiveStatus.PENDING_APPROVAL });
    const first = expectNoErrors((await server.gql<ChangePage>(CHANGES, {}, { role: 'general_manager' })).body).changes
      .edges;
    const start = first.at(-1)?.cursor ?? null;
    for (let i = 0; i < 4; i++) {
      for (const c of [a, b]) {
        const [{ version }] = await server.ds.query('SELECT version FROM customer WHERE id = ?', [c.id]);
        expectNoErrors(
          (
            await server.gql(
              RENAME,
              { input: { id: gid('Customer', c.id), version, name: `游标${c.id}-${i}` } },
              manager,
            )
          ).body,
        );
      }
    }
    // The partner sees every other event: in a readable format the seqs would show the hidden ones.
    const edges = expectNoErrors((await server.gql<ChangePage>(CHANGES, { after: start }, { role: 'partner' })).body)
      .changes.edges;
    expect(edges.map((e) => e.node.recordId)).toEqual(Array(4).fill(gid('Customer', b.id)));
    const cursors = edges.map((e) => bytesOf(e.cursor));
    for (const cursor of cursors) {
      expect(cursor).toHaveLength(16);
      expect(cursor.toString('latin1')).not.toContain('change');
    }
    for (let i = 1; i < cursors.length; i++) expect(differingBits(cursors[i - 1], cursors[i])).toBeGreaterThan(30);
  });

  it('answers forged, garbled and old-format ids of a hidden archive exactly as the id of a missing one', async () => {
    const hidden = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const real = gid('Customer', hidden.id);
    const garbled = `${real.slice(0, 5)}${real[5] === 'x' ? 'y' : 'x'}${real.slice(6)}`;
    const missing = gid('Customer', 987_654_321);
    const ids = [real, garbled, oldFormat('Customer', hidden.id), 'not-an-id', `${real}A`];
    for (const doc of [
      'query ($id: ID!) { customer(id: $id) { name } node(id: $id) { id } }',
      'mutation ($id: ID!) { updateCustomer(input: { id: $id, version: 1, name: "x" }) { id } }',
      'mutation ($id: ID!) { createContact(input: { customerId: $id, name: "x" }) { id } }',
      'query ($id: ID!) { trades(filter: { customerId: $id }) { totalCount } contacts(filter: { customerId: $id }) { totalCount } }',
    ]) {
      for (const role of ['analyst', 'sales_rep'] as const) {
        const expected = await server.gql(doc, { id: missing }, { role, userId: 5 });
        for (const id of ids) {
          const res = await server.gql(doc, { id }, { role, userId: 5 });
          expect([res.status, strip(res.body)]).toEqual([expected.status, strip(expected.body)]);
        }
      }
    }
  });

  it('refuses old-format ids and cursors cleanly, as ids of nothing and as bad cursors', async () => {
    const c = await makeCustomer(server.ds, { name: `旧格式${dialect}` });
    await makeContact(server.ds, c.id);
    const old = oldFormat('Customer', c.id);
    expect(
      expectNoErrors(
        (await server.gql(`{ customer(id: "${old}") { id } node(id: "${old}") { id } }`, {}, manager)).body,
      ),
    ).toEqual({ customer: null, node: null });
    const oldList = Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url');
    const list = await server.gql(
      `{ customers(after: "${oldList}", orderBy: { field: NAME, direction: ASC }) { totalCount } }`,
      {},
      manager,
    );
    expect(errorCodes(list.body)).toEqual(['BAD_USER_INPUT']);
    const feed = await server.gql(CHANGES, { after: Buffer.from('change:1').toString('base64url') }, manager);
    expect(errorCodes(feed.body)).toEqual(['BAD_USER_INPUT']);
    // A cursor of one list is not one of another's, even where the sort value would fit.
    const customers = expectNoErrors(
      (
        await server.gql<CustomerPage>(
          `{ customers(first: 1, orderBy: { field: CREATED_AT, direction: ASC }) {
      edges { cursor node { id name } } pageInfo { endCursor } } }`,
          {},
          manager,
        )
      ).body,
    ).customers;
    const contacts = await server.gql(
      `{ contacts(after: "${customers.pageInfo.endCursor}") { totalCount } }`,
      {},
      manager,
    );
    expect(errorCodes(contacts.body)).toEqual(['BAD_USER_INPUT']);
  });

  it('pages past a row whose sort value is as long as the column allows', async () => {
    const tag = `长名${dialect}`;
    const long = `${tag}${'很'.repeat(128 - tag.length - 1)}`;
    for (const name of [`${long}1`, `${long}2`]) await makeCustomer(server.ds, { name });
    const first = expectNoErrors((await server.gql<CustomerPage>(LIST, { q: tag }, manager)).body).customers;
    const after = first.edges[0].cursor;
    expect(after.length).toBeGreaterThan(500);
    const rest = expectNoErrors((await server.gql<CustomerPage>(LIST, { q: tag, after }, manager)).body).customers;
    expect(rest.edges.map((e) => e.node.name)).toEqual([`${long}2`]);
  });

  it('answers node(id) naming an object method, such as "constructor", with null', async () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const res = await server.gql(`{ node(id: "${oldFormat(type, 1)}") { id } }`, {}, manager);
      expect(res.body).toEqual({ data: { node: null } });
    }
  });

  it('refuses to start a second server in this process with another ID_SECRET', async () => {
    await expect(
      startTestServer(dialect, { env: { ID_SECRET: 'another-id-secret-another-id-secret-0123' } }),
    ).rejects.toThrow(/ID_SECRET/);
  });
});

function differingBits(a: Buffer, b: Buffer): number {
  let bits = 0;
  for (let i = 0; i < a.length; i++) for (let x = a[i] ^ b[i]; x; x >>= 1) bits += x & 1;
  return bits;
}
