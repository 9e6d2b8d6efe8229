import {
  type DocumentNode,
  execute,
  getNamedType,
  type GraphQLEnumType,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  parse,
} from 'graphql';
import { type EntityTarget, In, type ObjectLiteral } from 'typeorm';
import { KIND, RECORD_KEYS, type RecordType, WRITE_FIELDS, type WriteAction, writeRule } from '../../src/auth/policy';
import { type Role, ROLES, RoleName } from '../../src/auth/roles';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { recordEntity } from '../../src/outbox/record-types';
import { Contact } from '../../src/contacts/contact.entity';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus, CustomerKind } from '../../src/customers/customer.enums';
import { ReadRecorder } from '../../src/auth/read-recorder';
import { Loaders } from '../../src/common/loaders';
import { createProtectedSchema } from '../../src/server/app';
import type { Context } from '../../src/auth/context';
import { createLogger } from '../../src/server/logger';
import { createSchema } from '../../src/server/schema';
import { createServices } from '../../src/server/services';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../support/db';

import { useIdSecret } from '../../src/common/global-id';
import { gid, makeUser } from '../support/factories';
import { TEST_ID_SECRET, type GqlBody } from '../support/server';

/**
 * The write matrix, generated from the live schema's create/update inputs and the write
 * table in src/auth/policy.ts: every role × every input field × create/update either
 * succeeds or is FORBIDDEN with nothing written (no row, the record and its customer as
 * they were, no change event). Trade fields are tried under every trade kind, and the
 * employee fields (owner, handler, visitor) naming the caller and naming someone else.
 * Every case has its own customer, owned by the caller, so the customer scope never
 * decides and each case's "nothing written" can be checked on its own rows.
 * Cases run in process through the schema the server serves (shield, resolvers, services,
 * the real database), without HTTP: thousands of requests' transport would be most of the
 * time, and test/auth/write-probes.test.ts sends the issue's cases over HTTP.
 */
const TYPES: readonly RecordType[] = ['Customer', 'Contact', 'Trade', 'Complaint', 'Visit'];
const ACTIONS: readonly WriteAction[] = ['create', 'update'];
const inputName = (type: RecordType, action: WriteAction) => `${action === 'create' ? 'Create' : 'Update'}${type}Input`;
const inputOf = (schema: GraphQLSchema, type: RecordType, action: WriteAction) => {
  const input = schema.getType(inputName(type, action));
  if (!isInputObjectType(input)) throw new Error(`no input type ${inputName(type, action)}`);
  return input;
};
const valueFields = (input: GraphQLInputObjectType) =>
  Object.keys(input.getFields()).filter((f) => !RECORD_KEYS.includes(f));

/** The test's own reading of WRITE_FIELDS: the group of a field (KIND: the trade's kind). */
function groupOf(type: RecordType, field: string): string {
  const entry = Object.entries(WRITE_FIELDS[type]).find(([, fields]) => (fields as readonly string[]).includes(field));
  if (!entry)
    throw new Error(
      `${inputName(type, 'create')}/${inputName(type, 'update')}.${field} has no group: add it to WRITE_FIELDS in src/auth/policy.ts`,
    );
  return entry[0];
}

/** ID fields other than these name an employee. */
const REFERENCES: Record<string, string> = {
  customerId: 'Customer',
  contactId: 'Contact',
  overrideId: 'CreditOverride',
};
const namesEmployee = (input: GraphQLInputObjectType, field: string) =>
  getNamedType(input.getFields()[field].type).name === 'ID' && !REFERENCES[field];

describe('write policy covers every input field', () => {
  it('puts every field of every create and update input in one group, and names no field the inputs lack', async () => {
    const schema = await createSchema();
    const problems: string[] = [];
    for (const type of TYPES) {
      const given = new Set(ACTIONS.flatMap((action) => valueFields(inputOf(schema, type, action))));
      for (const field of given) {
        const groups = Object.entries(WRITE_FIELDS[type]).filter(([, fields]) =>
          (fields as readonly string[]).includes(field),
        );
        if (groups.length !== 1) problems.push(`${type}.${field} is in ${groups.length} groups`);
      }
      for (const fields of Object.values(WRITE_FIELDS[type])) {
        for (const field of fields as readonly string[])
          if (!given.has(field)) problems.push(`${type}.${field} is in no input`);
      }
    }
    expect(problems).toEqual([]);
  });
});

interface Case {
  n: number;
  role: Role;
  type: RecordType;
  action: WriteAction;
  /** The field tried, on top of the required ones. */
  field: string;
  /** Trade: the kind of the new trade, or of the trade changed. */
  kind?: string;
  /** Trade update of `kind`: the kind it changes to. */
  toKind?: string;
  /** An employee field: naming the caller or someone else. */
  names?: 'self' | 'other';
  /** Filled in by the setup: the case's own customer, the trade's move target, a contact, the record. */
  customerId: number;
  targetId: number;
  contactId: number;
  recordId: number;
  version: number;
}

const label = (c: Case) =>
  `${c.role} ${c.action}${c.type}${c.kind ? `[${c.kind}${c.toKind ? `→${c.toKind}` : ''}]` : ''} ${c.field}${c.names ? `=${c.names}` : ''}`;

/**
 * Trade fields belong to the trade's kind, so each is tried under two kinds, picked from the
 * table: one the role may write on this action and one it may not (when there are such).
 * The kinds themselves, and the employee fields, are tried under every kind.
 */
function pickKinds(role: Role, action: WriteAction, kinds: string[]): string[] {
  const groups = (writeRule(role, 'Trade')?.[action] ?? []) as readonly string[];
  return [kinds.find((k) => groups.includes(k)), kinds.find((k) => !groups.includes(k))].filter(
    (k): k is string => !!k,
  );
}

function buildCases(schema: GraphQLSchema): Case[] {
  const kinds = (schema.getType('TradeKind') as GraphQLEnumType).getValues().map((v) => v.value as string);
  const cases: Case[] = [];
  const add = (c: Omit<Case, 'n' | 'customerId' | 'targetId' | 'contactId' | 'recordId' | 'version'>) =>
    cases.push({ ...c, n: cases.length + 1, customerId: 0, targetId: 0, contactId: 0, recordId: 0, version: 0 });
  for (const role of ROLES) {
    for (const type of TYPES) {
      for (const action of ACTIONS) {
        const input = inputOf(schema, type, action);
        for (const field of valueFields(input)) {
          const every =
            type !== 'Trade'
              ? [undefined]
              : field === 'kind' || namesEmployee(input, field)
                ? kinds
                : pickKinds(role, action, kinds);
          for (const kind of every) {
            if (namesEmployee(input, field))
              for (const names of ['self', 'other'] as const) add({ role, type, action, field, kind, names });
            else if (type === 'Trade' && field === 'kind' && action === 'update')
              for (const toKind of kinds) add({ role, type, action, field, kind, toKind });
            else add({ role, type, action, field, kind });
          }
        }
      }
    }
  }
  return cases;
}

/** What the table says of a case: allowed, or refused. */
function allowed(c: Case, given: string[]): boolean {
  const rule = writeRule(c.role, c.type);
  if (!rule) return false;
  const kinds = [c.kind, c.toKind].filter((k): k is string => !!k);
  const groups = new Set(given.flatMap((f) => (groupOf(c.type, f) === KIND ? kinds : [groupOf(c.type, f)])));
  kinds.forEach((k) => groups.add(k));
  const inRule = [...groups].every((g) => (rule[c.action] as readonly string[]).includes(g));
  return inRule && (c.names !== 'other' || rule.people === 'anyone');
}

/** The name a new customer of a case gets: how the check finds what it wrote. */
const newCustomerName = (c: Case) => `写矩阵${c.n}`;

const T = Date.now();
const at = (ms: number) => new Date(T + ms).toISOString();
const DAY = 86_400_000;
/** Values that pass validation, by field name; the rest by GraphQL type. */
const VALUES: Record<string, (c: Case) => unknown> = {
  email: () => 'matrix@example.com',
  website: () => 'https://example.com',
  postcode: () => '310000',
  phone: () => '0571-88886666',
  fax: () => '0571-88886667',
  mobile: () => '13812345678',
  creditCode: (c) => `91330100${String(c.n).padStart(10, '0')}`,
  foundedOn: () => '2001-02-03',
  birthday: () => '1985-06-15',
  bankAccount: () => '6222021234567890',
  tradeNo: (c) => `WM${c.n}`,
  occurredAt: () => at(-2 * DAY),
  receivedAt: () => at(-2 * DAY),
  consentAt: () => at(-2 * DAY),
  resolvedAt: () => at(-DAY),
  // Within every severity's service level from receivedAt (a complaint's dueAt may be earlier, never later).
  dueAt: () => at(-DAY),
  nextFollowUpAt: () => at(7 * DAY),
  plannedAt: () => at(7 * DAY),
  // Names no credit override: the table decides, not an override's state (test/credit/overrides.test.ts).
  overrideId: () => null,
  // Withdrawing consent is always valid; giving it needs its purpose and date (test/care/reminders.test.ts).
  marketingConsent: () => false,
};

function valueOf(
  c: Case,
  input: GraphQLInputObjectType,
  field: string,
  users: { self: number; other: number },
): unknown {
  if (field === 'customerId') return gid('Customer', c.action === 'update' ? c.targetId : c.customerId);
  if (field === 'contactId') return gid('Contact', c.contactId);
  if (c.type === 'Trade' && field === 'kind') return c.toKind ?? c.kind;
  if (c.type === 'Customer' && field === 'name' && c.action === 'create') return newCustomerName(c);
  if (namesEmployee(input, field)) return gid('User', c.names === 'other' ? users.other : users.self);
  if (VALUES[field]) return VALUES[field](c);
  const named = getNamedType(input.getFields()[field].type);
  if (isEnumType(named)) return named.getValues()[0].value;
  switch (named.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return true;
    case 'Decimal':
      return '10.00';
    case 'DateTime':
      return at(-2 * DAY);
    default:
      return `写${c.n}`;
  }
}

/**
 * Given with the required fields of a new record: they are in the required fields' group, so
 * the outcome does not change, but a complaint resolved before it was received could be bad input.
 */
const ALSO_ON_CREATE: Partial<Record<RecordType, string[]>> = { Complaint: ['receivedAt'] };

/** The input of a case: the record (update) or the required fields (create), and the field tried. */
function inputFor(schema: GraphQLSchema, c: Case, users: { self: number; other: number }) {
  const input = inputOf(schema, c.type, c.action);
  const required = Object.entries(input.getFields())
    .filter(([, f]) => isNonNullType(f.type))
    .map(([name]) => name);
  const fields = c.action === 'update' ? [c.field] : [...required, ...(ALSO_ON_CREATE[c.type] ?? []), c.field];
  const values: Record<string, unknown> =
    c.action === 'update' ? { id: gid(c.type, c.recordId), version: c.version } : {};
  for (const field of new Set(fields)) values[field] = valueOf(c, input, field, users);
  return { values, given: [...new Set(fields)] };
}

const chunks = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Runs `fn` over `items`, `width` at a time. */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]);
    }),
  );
  return out;
}

describeEachDialect('write matrix', (dialect) => {
  let db: TestDatabase;
  let schema: GraphQLSchema;
  let run: (c: Case, input: Record<string, unknown>) => Promise<GqlBody>;
  const cases: Case[] = [];
  const selfOf = {} as Record<Role, number>;
  let otherId: number;
  const answers = new Map<number, GqlBody>();
  const expected = new Map<number, boolean>();
  const before = { customers: new Map<number, ObjectLiteral>(), records: new Map<string, ObjectLiteral>() };

  const ROLE_NAMES = Object.fromEntries(Object.values(RoleName).map((r) => [r, r])) as Record<Role, RoleName>;

  beforeAll(async () => {
    // In process, without startApp: the ids are sealed with the key every test server uses.
    useIdSecret(TEST_ID_SECRET);
    db = await createTestDatabase(dialect);
    schema = await createSchema();
    run = await executor(db);
    for (const role of ROLES) selfOf[role] = (await makeUser(db.ds, ROLE_NAMES[role])).id;
    otherId = (await makeUser(db.ds, RoleName.SALES_REP)).id;
    cases.push(...buildCases(schema));
    await setUp();
    await snapshot(before);
    for (const c of cases.filter((x) => x.action === 'update')) {
      c.version = (
        c.type === 'Customer' ? before.customers.get(c.recordId) : before.records.get(`${c.type}:${c.recordId}`)
      )!.version;
    }
    await pool(cases, 4, async (c) => {
      const { values, given } = inputFor(schema, c, { self: selfOf[c.role], other: otherId });
      expected.set(c.n, allowed(c, given));
      answers.set(c.n, await run(c, values));
    });
  }, 180_000);
  afterAll(() => db?.drop());

  /** Runs a case's mutation as its role, through the protected schema with a request's context. */
  async function executor(database: TestDatabase) {
    const protectedSchema = await createProtectedSchema();
    const services = createServices(database.ds);
    const log = createLogger('silent');
    const documents = new Map<string, DocumentNode>();
    const documentOf = (c: Case) => {
      const text = `mutation ($input: ${inputName(c.type, c.action)}!) { x: ${c.action}${c.type}(input: $input) { id } }`;
      if (!documents.has(text)) documents.set(text, parse(text));
      return documents.get(text)!;
    };
    return async (c: Case, input: Record<string, unknown>): Promise<GqlBody> => {
      const viewer = { userId: selfOf[c.role], subject: String(selfOf[c.role]), roles: [c.role], expiresAt: null };
      const contextValue: Context = {
        requestId: `matrix-${c.n}`,
        viewer,
        loaders: new Loaders(),
        services,
        log,
        reads: new ReadRecorder(),
      };
      const result = await execute({
        schema: protectedSchema,
        document: documentOf(c),
        variableValues: { input },
        contextValue,
      });
      return {
        data: result.data as Record<string, unknown> | null,
        errors: result.errors?.map((e) => ({ message: e.message, extensions: e.extensions })),
      };
    };
  }

  /**
   * Every case's own customer (its owner the caller), and the record an update changes. A
   * customer update works on a draft: the table's groups decide there, while an approved
   * archive adds rules of its state (its name changes by renameCustomer, its credit code by
   * managers), tested with approval and renames.
   */
  async function setUp(): Promise<void> {
    const customer = (c: Case) => ({
      archiveNo: `WM${dialect[0]}${c.n}-${T % 1e6}`.slice(0, 32),
      name: `写矩阵客户${c.n}`,
      kind: CustomerKind.ENTERPRISE,
      status: c.type === 'Customer' && c.action === 'update' ? ArchiveStatus.PENDING_APPROVAL : ArchiveStatus.ACTIVE,
      abcClass: AbcClass.B,
      creditLimit: '100000.00',
      outstandingBalance: '0.00',
      tradeTotal: '0.00',
      ownerId: selfOf[c.role],
    });
    const needy = cases.filter((c) => !(c.type === 'Customer' && c.action === 'create'));
    const movers = cases.filter((c) => c.type === 'Trade' && c.action === 'update' && c.field === 'customerId');
    for (const part of chunks(needy, 200)) {
      const ids = (await db.ds.getRepository(Customer).insert(part.map(customer))).identifiers.map(
        (i) => i.id as number,
      );
      part.forEach((c, i) => (c.customerId = ids[i]));
    }
    for (const part of chunks(movers, 200)) {
      const ids = (
        await db.ds
          .getRepository(Customer)
          .insert(part.map((c) => ({ ...customer(c), archiveNo: `WT${dialect[0]}${c.n}-${T % 1e6}` })))
      ).identifiers.map((i) => i.id as number);
      part.forEach((c, i) => (c.targetId = ids[i]));
    }
    const withContact = needy.filter((c) => c.type === 'Complaint' || c.type === 'Visit');
    for (const part of chunks(withContact, 200)) {
      const ids = (
        await db.ds.getRepository(Contact).insert(part.map((c) => ({ customerId: c.customerId, name: `联系人${c.n}` })))
      ).identifiers;
      part.forEach((c, i) => (c.contactId = ids[i].id as number));
    }
    const record: Partial<Record<RecordType, (c: Case) => object>> = {
      Contact: (c) => ({ customerId: c.customerId, name: `联系人${c.n}` }),
      Trade: (c) => ({
        customerId: c.customerId,
        tradeNo: `WR${c.n}`,
        kind: c.kind,
        occurredAt: new Date(T - DAY),
        amount: '100.00',
        paymentMethod: 'CASH',
        handlerId: selfOf[c.role],
      }),
      Complaint: (c) => ({
        customerId: c.customerId,
        receivedAt: new Date(T - 3 * DAY),
        channel: 'PHONE',
        category: 'QUALITY',
        content: `投诉${c.n}`,
      }),
      Visit: (c) => ({
        customerId: c.customerId,
        userId: selfOf[c.role],
        kind: 'VISIT',
        plannedAt: new Date(T - DAY),
        subject: `拜访${c.n}`,
      }),
    };
    for (const c of needy.filter((x) => x.action === 'update' && x.type === 'Customer')) c.recordId = c.customerId;
    for (const [type, make] of Object.entries(record) as [RecordType, (c: Case) => object][]) {
      for (const part of chunks(
        needy.filter((c) => c.action === 'update' && c.type === type),
        200,
      )) {
        const ids = (await db.ds.getRepository(recordEntity(type)).insert(part.map(make))).identifiers;
        part.forEach((c, i) => (c.recordId = ids[i].id as number));
      }
    }
  }

  /** The customers and updated records of every case, as the database holds them. */
  async function snapshot(into: typeof before): Promise<void> {
    const customerIds = cases.flatMap((c) => [c.customerId, c.targetId]).filter((id) => id > 0);
    for (const part of chunks(customerIds, 500)) {
      for (const row of await db.ds.getRepository(Customer).findBy({ id: In(part) })) into.customers.set(row.id, row);
    }
    for (const type of TYPES.filter((t) => t !== 'Customer')) {
      const ids = cases.filter((c) => c.type === type && c.action === 'update').map((c) => c.recordId);
      for (const part of chunks(ids, 500)) {
        for (const row of await db.ds.getRepository(recordEntity(type)).findBy({ id: In(part) }))
          into.records.set(`${type}:${row.id}`, row);
      }
    }
  }

  /** What went wrong in each of a role's cases: an empty list when all answered as the table says. */
  async function mismatches(role: Role): Promise<string[]> {
    const after = { customers: new Map<number, ObjectLiteral>(), records: new Map<string, ObjectLiteral>() };
    await snapshot(after);
    const mine = cases.filter((c) => c.role === role);
    const events = await countsBy(
      ChangeEvent,
      'customerId',
      mine.map((c) => c.customerId).filter((id) => id > 0),
    );
    const created = new Map<number, number>();
    for (const type of TYPES) {
      const creates = mine.filter((c) => c.type === type && c.action === 'create');
      // New customers are found by the case's name, other new records under the case's customer.
      const keyOf = (c: Case) => (type === 'Customer' ? newCustomerName(c) : c.customerId);
      const counts = await countsBy(
        recordEntity(type),
        type === 'Customer' ? 'name' : 'customerId',
        creates.map(keyOf),
      );
      for (const c of creates) created.set(c.n, counts.get(String(keyOf(c))) ?? 0);
    }
    const out: string[] = [];
    for (const c of mine) {
      const body = answers.get(c.n)!;
      const codes = (body.errors ?? []).map((e) => e.extensions?.code);
      const rows = created.get(c.n) ?? 0;
      const record =
        c.type === 'Customer' ? after.customers.get(c.recordId) : after.records.get(`${c.type}:${c.recordId}`);
      if (expected.get(c.n)) {
        if (codes.length || !(body.data?.x as { id?: string } | null)?.id)
          out.push(`${label(c)}: expected success, got ${JSON.stringify(body.errors)}`);
        else if (c.action === 'create' && rows !== 1) out.push(`${label(c)}: succeeded but wrote ${rows} rows`);
        // A value equal to the stored one is no change (no version bump: test/changes/changed-fields.test.ts).
        else if (c.action === 'update' && record?.version !== c.version + 1 && record?.version !== c.version)
          out.push(`${label(c)}: succeeded but version is ${record?.version}`);
        continue;
      }
      if (codes.join() !== 'FORBIDDEN' || body.data?.x)
        out.push(`${label(c)}: expected FORBIDDEN, got ${JSON.stringify(body.errors ?? body.data)}`);
      if (rows) out.push(`${label(c)}: refused but wrote ${rows} rows`);
      if (c.action === 'update') {
        const was =
          c.type === 'Customer' ? before.customers.get(c.recordId) : before.records.get(`${c.type}:${c.recordId}`);
        if (JSON.stringify(record) !== JSON.stringify(was)) out.push(`${label(c)}: refused but the record changed`);
      }
      for (const id of [c.customerId, c.targetId].filter((x) => x > 0)) {
        if (JSON.stringify(after.customers.get(id)) !== JSON.stringify(before.customers.get(id)))
          out.push(`${label(c)}: refused but customer ${id} changed`);
      }
      if (events.get(String(c.customerId)))
        out.push(`${label(c)}: refused but ${events.get(String(c.customerId))} change events were stored`);
    }
    return out;
  }

  /** COUNT(*) per value of `column`, for these values. */
  async function countsBy(
    entity: EntityTarget<ObjectLiteral>,
    column: string,
    values: unknown[],
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const part of chunks(values, 500)) {
      const rows = await db.ds
        .getRepository(entity)
        .createQueryBuilder('r')
        .select(`r.${column}`, 'k')
        .addSelect('COUNT(*)', 'n')
        .where(`r.${column} IN (:...part)`, { part })
        .groupBy(`r.${column}`)
        .getRawMany<{ k: unknown; n: string | number }>();
      for (const r of rows) counts.set(String(r.k), Number(r.n));
    }
    return counts;
  }

  for (const role of ROLES) {
    it(`${role}: every input field, create and update, succeeds or is FORBIDDEN with nothing written, as the table says`, async () => {
      expect(await mismatches(role)).toEqual([]);
      // The matrix means something only if both outcomes occur across the roles.
      expect([...expected.values()].some((v) => v) && [...expected.values()].some((v) => !v)).toBe(true);
    });
  }
});
