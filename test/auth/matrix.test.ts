import { getNamedType, type GraphQLObjectType, isLeafType, isObjectType } from 'graphql';
import { FIELDS, isStructuralType, OPERATIONS } from '../../src/auth/fields';
import { applyMask, type PersonalView } from '../../src/auth/personal';
import { POLICY } from '../../src/auth/policy';
import { type Role, ROLES, RoleName } from '../../src/auth/roles';
import { type AbcClass } from '../../src/customers/customer.enums';
import { createSchema } from '../../src/server/schema';
import { demoCustomer } from '../../src/demo/demo-data';
import { describeEachDialect } from '../support/db';
import {
  gid,
  makeComplaint,
  makeContact,
  makeCustomer,
  makeSurvey,
  makeTrade,
  makeUser,
  makeVisit,
} from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The access matrix, generated from the live schema and the policy tables: for every role,
 * every field of every record type, by every read path, the answer is what the policy says
 * (value, masked value, or null with FORBIDDEN), and A-class rows exist only for roles that
 * may see them. A field the policy does not mention fails here.
 */
const RECORDS = ['Customer', 'Contact', 'Trade', 'Complaint', 'Visit', 'Survey', 'User'] as const;
type Expect = { kind: 'raw' } | { kind: 'masked'; mask: string } | { kind: 'denied' };

function expectation(type: string, field: string, role: Role, own: boolean): Expect {
  const spec = FIELDS[type];
  if (!spec) throw new Error(`no policy for type ${type}`);
  if (spec.public.includes(field)) return { kind: 'raw' };
  if (spec.credit?.includes(field)) return POLICY[role].readsCredit ? { kind: 'raw' } : { kind: 'denied' };
  const mask = spec.personal?.[field];
  if (mask) {
    const p = POLICY[role].personalData;
    const view: PersonalView = p === 'own' ? (own ? 'full' : 'masked') : p;
    if (view === 'full') return { kind: 'raw' };
    if (view === 'none' || mask === 'hide') return { kind: 'denied' };
    return { kind: 'masked', mask };
  }
  const restricted = spec.restricted?.[field];
  if (restricted) return restricted.includes(role) ? { kind: 'raw' } : { kind: 'denied' };
  throw new Error(`no policy for ${type}.${field}: add it to src/auth/fields.ts`);
}

/** Every field of a type, objects as { __typename } and connections as { totalCount }. */
function selection(type: GraphQLObjectType): string {
  return Object.values(type.getFields())
    .map((f) => {
      const named = getNamedType(f.type);
      if (isLeafType(named)) return f.name;
      return /Connection$/.test(named.name) ? `${f.name}(first: 1) { totalCount }` : `${f.name} { __typename }`;
    })
    .join(' ');
}

describe('policy table covers the schema', () => {
  it('has a rule for every field of every object type and every root field', async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || isStructuralType(type.name)) continue;
      for (const field of Object.keys(type.getFields())) {
        if (type.name === 'Query' || type.name === 'Mutation' || type.name === 'Subscription') {
          if (!OPERATIONS[type.name][field]) missing.push(`${type.name}.${field}`);
        } else {
          const spec = FIELDS[type.name];
          const known =
            spec &&
            (spec.public.includes(field) ||
              spec.credit?.includes(field) ||
              spec.personal?.[field] ||
              spec.restricted?.[field]);
          if (!known) missing.push(`${type.name}.${field}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describeEachDialect('access matrix', (dialect) => {
  let server: TestServer;
  let schema: Awaited<ReturnType<typeof createSchema>>;
  const ids: Record<string, Record<'A' | 'B', string>> = {};
  const raw: Record<string, Record<'A' | 'B', Record<string, unknown>>> = {};
  let repId: number;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    schema = await createSchema();
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    repId = rep.id;
    for (const cls of ['A', 'B'] as const) {
      const demo = demoCustomer(cls === 'A' ? 901 : 902, [rep.id]).customer as Record<string, unknown>;
      const c = await makeCustomer(server.ds, {
        ...demo,
        archiveNo: `MX${cls}${Date.now() % 1e9}`,
        creditCode: null,
        abcClass: cls as AbcClass,
        ownerId: rep.id,
        salesTwoYearsAgo: '1.00',
        salesThreeYearsAgo: '2.00',
        abcOverrideReason: '测试',
        contactPolicy: '每周电话',
        lastCreditReviewAt: new Date(),
      } as never);
      const k = await makeContact(server.ds, c.id, {
        name: '张伟',
        mobile: '13812345678',
        email: 'zhang@example.com',
        wechat: 'zw_wechat',
        phone: '0571-88886666',
        fax: '0571-88886667',
        birthday: '1980-05-06',
        hometown: '浙江',
        education: '本科',
        hobbies: '茶道',
        family: '已婚',
        consentPurpose: '业务联系',
        consentAt: new Date(),
      } as never);
      const t = await makeTrade(server.ds, c.id);
      const p = await makeComplaint(server.ds, c.id, { contactId: k.id } as never);
      const v = await makeVisit(server.ds, c.id, rep.id, { contactId: k.id } as never);
      const s = await makeSurvey(server.ds, c.id, {
        contactId: k.id,
        userId: rep.id,
        correctiveAction: '回访致歉',
        correctiveActionAt: new Date(),
      });
      ids[`Customer`] = { ...(ids.Customer ?? {}), [cls]: gid('Customer', c.id) } as never;
      for (const [type, row] of [
        ['Customer', c],
        ['Contact', k],
        ['Trade', t],
        ['Complaint', p],
        ['Visit', v],
        ['Survey', s],
      ] as const) {
        ids[type] = { ...(ids[type] ?? {}), [cls]: gid(type, row.id) } as never;
        raw[type] = { ...(raw[type] ?? {}), [cls]: row as unknown as Record<string, unknown> } as never;
      }
    }
  });
  afterAll(() => server.stop());

  /** The read paths for one record: lookup, node, a nested path, and the root list. */
  function paths(
    type: string,
    cls: 'A' | 'B',
  ): { query: string; pick: (data: Record<string, unknown>) => unknown; prefix: string }[] {
    const sel = selection(schema.getType(type) as GraphQLObjectType);
    const lower = type[0].toLowerCase() + type.slice(1);
    const id = ids[type][cls];
    const list = [
      { query: `{ x: ${lower}(id: "${id}") { ${sel} } }`, pick: (d: Record<string, unknown>) => d.x, prefix: 'x' },
      {
        query: `{ x: node(id: "${id}") { ... on ${type} { ${sel} } } }`,
        pick: (d: Record<string, unknown>) => d.x,
        prefix: 'x',
      },
    ];
    if (type === 'Customer') {
      list.push({
        query: `{ t: trade(id: "${ids.Trade[cls]}") { x: customer { ${sel} } } }`,
        pick: (d) => (d.t as Record<string, unknown> | null)?.x ?? null,
        prefix: 't.x',
      });
    } else {
      const field = `${lower}s`;
      list.push({
        query: `{ c: customer(id: "${ids.Customer[cls]}") { ${field}(first: 5) { edges { x: node { ${sel} } } } } }`,
        pick: (d) => (d.c as Record<string, { edges: { x: unknown }[] }> | null)?.[field]?.edges[0]?.x ?? null,
        prefix: `c.${field}.edges.0.x`,
      });
    }
    return list;
  }

  for (const role of ROLES) {
    for (const type of RECORDS.filter((t) => t !== 'User')) {
      it(`${role} reads ${type} fields exactly as the policy says, by every path`, async () => {
        const seesA = POLICY[role].seesClassA;
        for (const cls of ['A', 'B'] as const) {
          for (const path of paths(type, cls)) {
            const { body } = await server.gql(path.query, {}, { role, userId: repId });
            const row = path.pick((body.data ?? {}) as Record<string, unknown>) as Record<string, unknown> | null;
            if (cls === 'A' && !seesA) {
              expect({ path: path.query, row }).toEqual({ path: path.query, row: null });
              expect(body.errors ?? []).toEqual([]);
              continue;
            }
            expect({ path: path.query, visible: row !== null }).toEqual({ path: path.query, visible: true });
            const errorAt = new Map((body.errors ?? []).map((e) => [e.path?.join('.'), e.extensions?.code]));
            for (const field of Object.keys((schema.getType(type) as GraphQLObjectType).getFields())) {
              const exp = expectation(type, field, role, true);
              const at = `${path.prefix}.${field}`;
              const got = { at, value: row![field], error: errorAt.get(at) ?? null };
              if (exp.kind === 'denied') expect(got).toEqual({ at, value: null, error: 'FORBIDDEN' });
              else expect({ at, error: got.error }).toEqual({ at, error: null });
              if (exp.kind === 'masked' && typeof raw[type][cls][field] === 'string') {
                expect(got.value).toEqual(applyMask(raw[type][cls][field], exp.mask as never));
                if (exp.mask !== 'show') expect(got.value).not.toEqual(raw[type][cls][field]);
              }
            }
          }
        }
        // Lists and counts are computed over the visible rows only (surveys are listed per customer only).
        if (type === 'Survey') return;
        const lower = type[0].toLowerCase() + type.slice(1);
        const { body } = await server.gql(
          `{ l: ${lower}s(first: 100) { totalCount edges { node { id } } } }`,
          {},
          { role, userId: repId },
        );
        const listed = (body.data as { l: { totalCount: number; edges: { node: { id: string } }[] } }).l;
        const listedIds = listed.edges.map((e) => e.node.id);
        expect(listedIds).toContain(ids[type].B);
        expect(listedIds.includes(ids[type].A)).toBe(seesA);
      });
    }
  }

  it("masks a sales rep's view of contacts of customers it does not own", async () => {
    const other = await makeUser(server.ds, RoleName.SALES_REP);
    const { body } = await server.gql(
      `{ c: contact(id: "${ids.Contact.B}") { name mobile email birthday family } }`,
      {},
      { role: 'sales_rep', userId: other.id },
    );
    const c = (body.data as { c: Record<string, unknown> }).c;
    expect(c).toEqual({
      name: '张*',
      mobile: '138****5678',
      email: 'z***@example.com',
      birthday: '1980',
      family: null,
    });
    expect(body.errors?.map((e) => `${e.path?.join('.')}:${e.extensions?.code}`)).toEqual(['c.family:FORBIDDEN']);
  });
});
