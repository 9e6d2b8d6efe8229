import { GraphQLID } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { validate } from 'class-validator';
import { createSchema } from '../../src/server/schema';
import { Complaint } from '../../src/complaints/complaint.entity';
import { Contact } from '../../src/contacts/contact.entity';
import { Customer } from '../../src/customers/customer.entity';
import { Trade } from '../../src/trades/trade.entity';
import { Visit } from '../../src/visits/visit.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeTrade, makeUser } from '../support/factories';
import { expectNoErrors, type GqlBody, startTestServer, type TestServer } from '../support/server';
import { RoleName } from '../../src/auth/roles';

/** What every text argument must refuse: a NUL, a lone surrogate, nothing but spaces. */
const BAD_TEXT = { nul: 'a\u0000b', loneSurrogate: 'a\ud800b', blank: '   ' };

describe('every text field of every input and argument type', () => {
  it('refuses a NUL, a lone surrogate and blank text, naming the field', async () => {
    await createSchema(); // loads every resolver, and so every input and argument class
    const storage = getMetadataStorage();
    const classes = [...storage.inputTypes, ...storage.argumentTypes].map((c) => c.target);
    const textFields = classes.flatMap((target) =>
      storage.fields
        .filter(
          (f) =>
            (f.target === target || target.prototype instanceof f.target) &&
            [String, GraphQLID].includes(f.getType() as never),
        )
        .map((f) => ({ target, name: f.name })),
    );
    expect(textFields.length).toBeGreaterThan(80);

    const accepted: string[] = [];
    for (const { target, name } of textFields) {
      for (const [kind, value] of Object.entries(BAD_TEXT)) {
        const input = Object.assign(new (target as new () => object)(), { [name]: value });
        const errors = await validate(input, { skipMissingProperties: true, forbidUnknownValues: false });
        if (!errors.some((e) => e.property === name)) accepted.push(`${target.name}.${name}: ${kind}`);
      }
    }
    expect(accepted).toEqual([]);
  });
});

describeEachDialect('input validation', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const manager = { role: 'sales_manager' as const };
  const refused = (body: GqlBody<unknown>) => ({
    data: body.data ?? null,
    code: body.errors?.[0].extensions?.code,
    fields: [...new Set((body.errors?.[0].extensions?.fields as { field: string }[] | undefined)?.map((f) => f.field))],
  });
  const create = (type: string, input: Record<string, unknown>) =>
    server.gql(`mutation($input: Create${type}Input!) { create${type}(input: $input) { id } }`, { input }, manager);

  it('refuses blank names, empty keys and broken text, and stores nothing', async () => {
    const before = await server.ds.getRepository(Customer).count();
    const customer = (over: Record<string, unknown>) =>
      create('Customer', { name: '正常公司', kind: 'ENTERPRISE', ...over });
    expect(refused((await customer({ name: ' \t ' })).body)).toEqual({
      data: null,
      code: 'BAD_USER_INPUT',
      fields: ['name'],
    });
    expect(refused((await customer({ creditCode: '' })).body)).toEqual({
      data: null,
      code: 'BAD_USER_INPUT',
      fields: ['creditCode'],
    });
    expect(refused((await customer({ shortName: '' })).body)).toEqual({
      data: null,
      code: 'BAD_USER_INPUT',
      fields: ['shortName'],
    });
    expect(refused((await customer({ name: '坏\ud800字' })).body)).toEqual({
      data: null,
      code: 'BAD_USER_INPUT',
      fields: ['name'],
    });
    expect(refused((await customer({ address: '上海\u0000路' })).body)).toEqual({
      data: null,
      code: 'BAD_USER_INPUT',
      fields: ['address'],
    });
    expect(await server.ds.getRepository(Customer).count()).toBe(before);

    const c = await makeCustomer(server.ds);
    const key = await server.gql(
      `mutation($input: CreateTradeInput!) { createTrade(input: $input) { id } }`,
      {
        input: {
          customerId: gid('Customer', c.id),
          kind: 'ORDER',
          occurredAt: '2024-03-01T00:00:00Z',
          amount: '1',
          paymentMethod: 'CASH',
          tradeNo: '',
        },
      },
      manager,
    );
    expect(refused(key.body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: ['tradeNo'] });
    // Real text passes: Chinese, emoji (surrogate pairs) and line breaks in long text.
    const fine = await create('Customer', { name: '好😀公司', kind: 'ENTERPRISE', businessScope: '批发\n零售' });
    expectNoErrors(fine.body);
  });

  it('refuses a NUL in a search instead of matching every row', async () => {
    await makeCustomer(server.ds, { name: '搜索公司' });
    for (const list of ['customers', 'contacts']) {
      const { body } = await server.gql(
        `{ ${list}(first: 5, filter: { search: "\\u0000" }) { totalCount } }`,
        {},
        manager,
      );
      expect(refused(body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: ['filter.search'] });
    }
  });

  it('refuses a NUL or an overlong value inside a where condition, however deep', async () => {
    const cases: [string, string][] = [
      ['{ name: { contains: "\\u0000" } }', 'where.name.contains'],
      ['{ or: [{ name: { in: ["a", "\\u0000"] } }] }', 'where.or[0].name.in'],
      [`{ not: { contacts: { some: { name: { eq: "${'长'.repeat(256)}" } } } } }`, 'where.not.contacts.some.name.eq'],
    ];
    for (const [where, field] of cases) {
      const { body } = await server.gql(`{ customers(first: 5, where: ${where}) { totalCount } }`, {}, manager);
      expect(refused(body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: [field] });
    }
  });

  it('refuses dates out of order or out of any business range, naming the field', async () => {
    const c = await makeCustomer(server.ds);
    const rep = await makeUser(server.ds, RoleName.SALES_MANAGER);
    const customerId = gid('Customer', c.id);
    const counts = async () =>
      Promise.all(
        [Trade, Visit, Contact, Complaint].map((e) => server.ds.getRepository(e).countBy({ customerId: c.id })),
      );
    const before = await counts();
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'Trade',
        {
          kind: 'ORDER',
          amount: '1',
          paymentMethod: 'CREDIT',
          occurredAt: '2024-03-01T00:00:00Z',
          dueAt: '2024-02-01T00:00:00Z',
        },
        'dueAt',
      ],
      [
        'Trade',
        { kind: 'ORDER', amount: '1', paymentMethod: 'CASH', occurredAt: '1900-01-01T00:00:00Z' },
        'occurredAt',
      ],
      [
        'Visit',
        { kind: 'VISIT', subject: '拜访', occurredAt: '2024-03-01T00:00:00Z', nextFollowUpAt: '1900-03-01T00:00:00Z' },
        'nextFollowUpAt',
      ],
      [
        'Visit',
        { kind: 'VISIT', subject: '拜访', plannedAt: '2024-03-01T00:00:00Z', nextFollowUpAt: '2024-02-01T00:00:00Z' },
        'nextFollowUpAt',
      ],
      ['Contact', { name: '张三', birthday: '2999-01-01' }, 'birthday'],
      ['Contact', { name: '张三', birthday: '1850-01-01' }, 'birthday'],
      [
        'Complaint',
        {
          channel: 'PHONE',
          category: 'QUALITY',
          content: '质量',
          receivedAt: '2024-03-01T00:00:00Z',
          resolvedAt: '2024-02-01T00:00:00Z',
        },
        'resolvedAt',
      ],
      [
        'Complaint',
        {
          channel: 'PHONE',
          category: 'QUALITY',
          content: '质量',
          receivedAt: '2024-03-01T00:00:00Z',
          dueAt: '2999-01-01T00:00:00Z',
        },
        'dueAt',
      ],
    ];
    for (const [type, input, field] of cases) {
      const { body } = await create(type, {
        customerId,
        ...input,
        ...(type === 'Visit' ? { userId: gid('User', rep.id) } : {}),
      });
      expect({ type, field, ...refused(body) }).toEqual({
        type,
        field,
        data: null,
        code: 'BAD_USER_INPUT',
        fields: [field],
      });
    }
    expect(await counts()).toEqual(before);
    const updated = await server.gql(
      `mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { id } }`,
      { input: { id: customerId, version: c.version, foundedOn: '2999-01-01' } },
      manager,
    );
    expect(refused(updated.body)).toEqual({ data: null, code: 'BAD_USER_INPUT', fields: ['foundedOn'] });
  });
});

describeEachDialect('dates of one record in order, when an update gives only one of them', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  it('refuses a due date before the stored occurrence, and an occurrence after the stored due date, writing nothing', async () => {
    const customer = await makeCustomer(server.ds);
    const trade = await makeTrade(server.ds, customer.id, {
      occurredAt: new Date('2026-03-10T00:00:00Z'),
      dueAt: new Date('2026-04-10T00:00:00Z'),
    });
    const update = (input: Record<string, unknown>) =>
      server.gql(
        `mutation($input: UpdateTradeInput!) { updateTrade(input: $input) { version } }`,
        { input: { id: gid('Trade', trade.id), version: trade.version, ...input } },
        { role: 'sales_manager' },
      );
    const early = await update({ dueAt: '2026-03-01T00:00:00.000Z' });
    expect(early.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'dueAt', message: 'must not be before occurredAt' }],
    });
    const late = await update({ occurredAt: '2026-05-01T00:00:00.000Z' });
    expect(late.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'occurredAt', message: 'must not be after dueAt' }],
    });
    expect((await server.ds.getRepository(Trade).findOneByOrFail({ id: trade.id })).version).toBe(trade.version);
    expect((await update({ dueAt: '2026-03-20T00:00:00.000Z' })).body.errors).toBeUndefined();
  });
});
