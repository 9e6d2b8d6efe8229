import fc from 'fast-check';
import { RoleName } from '../../src/auth/roles';
import { Customer } from '../../src/customers/customer.entity';
import { FormerName } from '../../src/customers/former-name.entity';
import { CustomerNameGram } from '../../src/customers/name-gram.entity';
import { gramsOf } from '../../src/customers/name-grams';
import { describeEachDialect } from '../support/db';
import { makeUser, rowId } from '../support/factories';
import { type GqlOptions, startTestServer, type TestServer } from '../support/server';

const ARCHIVE = 'id version status';
const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { ${ARCHIVE} } }`;
const UPDATE = `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { ${ARCHIVE} } }`;
const APPROVE = `mutation($id: ID!, $version: Int!) { approveArchive(id: $id, version: $version) { ${ARCHIVE} } }`;
const RENAME = `mutation($id: ID!, $version: Int!, $newName: String!) {
  renameCustomer(id: $id, version: $version, newName: $newName, effectiveOn: "2026-01-01", documentRef: "更名通知") { ${ARCHIVE} }
}`;
const SEARCH = `query($q: String!) { customers(first: 100, filter: { search: $q }) { edges { node { id } } } }`;

/** Few characters, so that names share grams and queries hit: Chinese, both cases, LIKE's wildcards, a space. */
const text = fc
  .array(fc.constantFrom('恒', '达', '公', '司', 'A', 'a', 'b', '%', '_', '!', ' '), { minLength: 1, maxLength: 7 })
  .map((chars) => chars.join(''));
type Archive = { id: string; version: number; status: string };
const op = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), name: text, shortName: fc.option(text, { nil: undefined }) }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(),
    name: fc.option(text),
    shortName: fc.option(text),
  }),
  fc.record({ kind: fc.constant('approve' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name: text }),
);

/**
 * The index agrees with the names after any sequence of writes through the API (creates,
 * draft updates, approvals, renames), and a search over it answers what a LIKE scan does.
 * Writes the API refuses (a blank name, a rename to the same name) must leave it as it was.
 */
describeEachDialect('the customer search index follows every name change', (dialect) => {
  let server: TestServer;
  let rep: GqlOptions;
  let manager: GqlOptions;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = { role: 'sales_rep', userId: (await makeUser(server.ds, RoleName.SALES_REP)).id };
    manager = { role: 'sales_manager', userId: (await makeUser(server.ds, RoleName.SALES_MANAGER)).id };
  });
  afterAll(() => server.stop());

  async function indexAgreesWithNames(): Promise<void> {
    const customers = await server.ds
      .getRepository(Customer)
      .find({ select: { id: true, name: true, shortName: true, archiveNo: true } });
    const former = await server.ds.getRepository(FormerName).find();
    const grams = await server.ds.getRepository(CustomerNameGram).find();
    for (const c of customers) {
      const texts = [
        c.name,
        c.shortName,
        c.archiveNo,
        ...former.filter((f) => f.customerId === c.id).map((f) => f.name),
      ];
      const want = gramsOf(texts);
      const stored = grams.filter((g) => g.customerId === c.id).map((g) => g.gram);
      expect([c.id, texts, stored.filter((g) => !want.includes(g))]).toEqual([c.id, texts, []]);
      // A gram not stored must be one the database holds as equal to a stored one: MySQL's
      // PAD SPACE collations take '达 ' for '达', so the primary key keeps one of them.
      for (const gram of want.filter((g) => !stored.includes(g))) {
        const same = await server.ds.query('SELECT gram FROM customer_name_gram WHERE customer_id = ? AND gram = ?', [
          c.id,
          gram,
        ]);
        expect([c.id, texts, gram, same.length]).toEqual([c.id, texts, gram, 1]);
      }
    }
  }

  it('after random creates, updates and renames', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), text, async (ops, query) => {
        const archives: Archive[] = [];
        const write = async (doc: string, vars: object, as: GqlOptions, field: string, at?: number) => {
          const reply = await server.gql<Record<string, Archive>>(doc, vars as Record<string, unknown>, as);
          const done = reply.body.data?.[field];
          if (!done) return;
          if (at === undefined) archives.push(done);
          else archives[at] = done;
        };
        for (const o of ops) {
          if (o.kind === 'create') {
            const input = { name: o.name, shortName: o.shortName, kind: 'ENTERPRISE' };
            await write(CREATE, { input }, rep, 'createCustomer');
            continue;
          }
          if (archives.length === 0) continue;
          const at = o.pick % archives.length;
          const { id, version } = archives[at];
          if (o.kind === 'update') {
            const input = { id, version, ...(o.name === null ? {} : { name: o.name }), shortName: o.shortName };
            await write(UPDATE, { input }, rep, 'updateCustomer', at);
          } else if (o.kind === 'approve') await write(APPROVE, { id, version }, manager, 'approveArchive', at);
          else await write(RENAME, { id, version, newName: o.name }, rep, 'renameCustomer', at);
        }
        await indexAgreesWithNames();
        // The search answers what a LIKE over the same archives answers.
        const mine = new Set(archives.map((a) => rowId(a.id)));
        const reply = await server.gql<{ customers: { edges: { node: { id: string } }[] } }>(
          SEARCH,
          { q: query },
          { role: 'general_manager' },
        );
        if (!query.trim()) return void expect(reply.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        const found = reply.body.data!.customers.edges.map((e) => rowId(e.node.id)).filter((id) => mine.has(id));
        const pattern = `%${query.replace(/[!%_]/g, '!$&')}%`;
        const scanned = (await server.ds.query(
          "SELECT c.id FROM customer c WHERE c.name LIKE ? ESCAPE '!' OR c.short_name LIKE ? ESCAPE '!'" +
            " OR EXISTS (SELECT 1 FROM former_name fn WHERE fn.customer_id = c.id AND fn.name LIKE ? ESCAPE '!')",
          [pattern, pattern, pattern],
        )) as { id: number }[];
        const expected = scanned.map((r) => Number(r.id)).filter((id) => mine.has(id));
        expect([query, found.sort()]).toEqual([query, expected.sort()]);
      }),
      { numRuns: 25 },
    );
    // The runs did rename archives and change drafts, not only create them.
    expect(await server.ds.getRepository(FormerName).count()).toBeGreaterThan(0);
    expect(
      await server.ds.query("SELECT id FROM customer WHERE version > 1 AND status = 'PENDING_APPROVAL'"),
    ).not.toEqual([]);
  });
});
