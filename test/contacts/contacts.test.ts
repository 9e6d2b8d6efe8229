import { Contact } from '../../src/contacts/contact.entity';
import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import {
  ContactDocument,
  ContactNodeDocument,
  ContactsDocument,
  CreateContactDocument,
  CustomerContactsDocument,
  UpdateContactDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeContact, makeCustomer, makeUser } from '../support/factories';
import { expectNoErrors, type GqlBody, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/** The fields a BAD_USER_INPUT error names, sorted. */
const badFields = (body: GqlBody<unknown>) =>
  ((body.errors?.[0].extensions?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();

describeEachDialect('contacts', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const manager = { role: 'sales_manager' as const };
  const rows = () => server.ds.getRepository(Contact);

  it('creates a contact, reads it by id and node(id), updates it with its version and refuses a stale one', async () => {
    const customer = await makeCustomer(server.ds);
    const created = expectNoErrors(
      (
        await send(
          server,
          CreateContactDocument,
          {
            input: {
              customerId: gid('Customer', customer.id),
              name: '张伟',
              gender: 'MALE',
              title: '采购经理',
              role: 'MAIN_CONTACT',
              phone: '0571-88886666',
              mobile: '13812345678',
              email: 'zhangwei@example.com',
              birthday: '1985-06-15',
              hobbies: '钓鱼',
              consentPurpose: '客户维护',
              consentAt: '2024-03-01T08:00:00.000Z',
            },
          },
          manager,
        )
      ).body,
    ).createContact;
    expect(created).toMatchObject({
      name: '张伟',
      gender: 'MALE',
      role: 'MAIN_CONTACT',
      mobile: '13812345678',
      birthday: '1985-06-15',
      isPrimary: false,
      consentAt: '2024-03-01T08:00:00.000Z',
      version: 1,
      customer: { id: gid('Customer', customer.id), name: customer.name },
    });

    const byId = expectNoErrors((await send(server, ContactDocument, { id: created.id }, manager)).body).contact;
    expect(byId).toEqual(created);
    const byNode = expectNoErrors((await send(server, ContactNodeDocument, { id: created.id }, manager)).body).node;
    expect(byNode).toEqual({ __typename: 'Contact', id: created.id, name: '张伟', isPrimary: false, version: 1 });

    const updated = expectNoErrors(
      (
        await send(
          server,
          UpdateContactDocument,
          {
            input: { id: created.id, version: created.version, title: '副总经理', wechat: 'zw_1985' },
          },
          manager,
        )
      ).body,
    ).updateContact;
    expect(updated).toMatchObject({
      title: '副总经理',
      wechat: 'zw_1985',
      name: '张伟',
      mobile: '13812345678',
      version: 2,
    });

    const stale = await send(
      server,
      UpdateContactDocument,
      { input: { id: created.id, version: created.version, title: '旧版本覆盖' } },
      manager,
    );
    expect(stale.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const row = await rows().findOneByOrFail({ customerId: customer.id });
    expect(row).toMatchObject({ title: '副总经理', version: 2 });
  });

  it('refuses a bad mobile, email, birthday and overlong text with BAD_USER_INPUT naming each field, and writes nothing', async () => {
    const customer = await makeCustomer(server.ds);
    const before = await rows().count();
    const { body } = await send(
      server,
      CreateContactDocument,
      {
        input: {
          customerId: gid('Customer', customer.id),
          name: '坏'.repeat(65),
          mobile: '12345',
          email: 'not-an-email',
          birthday: '1985/06/15',
          hobbies: 'x'.repeat(256),
          title: 't'.repeat(65),
        },
      },
      manager,
    );
    expect(body.data).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badFields(body)).toEqual(['birthday', 'email', 'hobbies', 'mobile', 'name', 'title']);
    expect(await rows().count()).toBe(before);
  });

  it('refuses a birthday that is no calendar date with BAD_USER_INPUT', async () => {
    const customer = await makeCustomer(server.ds);
    for (const birthday of ['1985-02-30', '2023-02-29', '1985-04-31']) {
      const { body } = await send(
        server,
        CreateContactDocument,
        { input: { customerId: gid('Customer', customer.id), name: '日期', birthday } },
        manager,
      );
      expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(badFields(body)).toEqual(['birthday']);
    }
    expect(await rows().countBy({ customerId: customer.id })).toBe(0);
    const leap = await send(
      server,
      CreateContactDocument,
      { input: { customerId: gid('Customer', customer.id), name: '闰日', birthday: '2024-02-29' } },
      manager,
    );
    expect(expectNoErrors(leap.body).createContact.birthday).toBe('2024-02-29');
  });

  it('refuses null for a required field on update and leaves the row as it was', async () => {
    const contact = await makeContact(server.ds, (await makeCustomer(server.ds)).id, { name: '李娜' });
    const id = gid('Contact', contact.id);
    for (const input of [
      { id, version: contact.version, name: null },
      { id, version: contact.version, gender: null },
      { id, version: contact.version, isPrimary: null },
    ]) {
      const { body } = await send(server, UpdateContactDocument, { input }, manager);
      expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(badFields(body)).toEqual([Object.keys(input)[2]]);
    }
    const bad = await send(
      server,
      UpdateContactDocument,
      { input: { id, version: contact.version, email: 'nope', mobile: '999' } },
      manager,
    );
    expect(badFields(bad.body)).toEqual(['email', 'mobile']);
    expect(await rows().findOneByOrFail({ id: contact.id })).toMatchObject({
      name: '李娜',
      email: null,
      mobile: null,
      version: contact.version,
    });
  });

  it('keeps at most one primary contact per customer', async () => {
    const customer = await makeCustomer(server.ds);
    const other = await makeCustomer(server.ds);
    const othersPrimary = await makeContact(server.ds, other.id, { isPrimary: true });
    const create = async (name: string) =>
      expectNoErrors(
        (
          await send(
            server,
            CreateContactDocument,
            { input: { customerId: gid('Customer', customer.id), name, isPrimary: true } },
            manager,
          )
        ).body,
      ).createContact;
    const first = await create('第一主联系人');
    const second = await create('第二主联系人');
    expect(second.isPrimary).toBe(true);
    const primaries = async () =>
      (await rows().findBy({ customerId: customer.id, isPrimary: true })).map((c) => c.name);
    expect(await primaries()).toEqual(['第二主联系人']);
    // The contact that lost the flag changed: its version moved, so an edit based on the old read is refused.
    const firstNow = await rows().findOneByOrFail({ name: '第一主联系人', customerId: customer.id });
    expect(firstNow.version).toBe(first.version + 1);

    const back = expectNoErrors(
      (
        await send(
          server,
          UpdateContactDocument,
          { input: { id: first.id, version: firstNow.version, isPrimary: true } },
          manager,
        )
      ).body,
    ).updateContact;
    expect(back.isPrimary).toBe(true);
    expect(await primaries()).toEqual(['第一主联系人']);

    const listed = expectNoErrors(
      (await send(server, CustomerContactsDocument, { id: gid('Customer', customer.id), first: 10 }, manager)).body,
    ).customer;
    expect(listed?.contacts.edges.filter((e) => e.node.isPrimary).map((e) => e.node.name)).toEqual(['第一主联系人']);
    expect((await rows().findOneByOrFail({ id: othersPrimary.id })).isPrimary).toBe(true);
  });

  it('filters and pages forward and backward without gaps or repeats', async () => {
    const customer = await makeCustomer(server.ds);
    const noise = await makeCustomer(server.ds);
    await makeContact(server.ds, noise.id, { name: '分页联系人99' });
    const made: Contact[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await makeContact(server.ds, customer.id, {
          name: `分页联系人${String(i).padStart(2, '0')}`,
          role: i % 2 ? ('PRINCIPAL' as never) : ('OTHER' as never),
          isPrimary: i === 3,
        }),
      );
    }
    const filter = { customerId: gid('Customer', customer.id), search: '分页联系人' };
    const orderBy = { field: 'NAME' as const, direction: 'ASC' as const };
    const ids: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = expectNoErrors(
        (await send(server, ContactsDocument, { first: 3, after, filter, orderBy }, manager)).body,
      ).contacts;
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo.hasPreviousPage).toBe(Boolean(after));
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual(made.map((c) => gid('Contact', c.id)));

    const last = expectNoErrors(
      (await send(server, ContactsDocument, { last: 3, filter, orderBy }, manager)).body,
    ).contacts;
    expect(last.edges.map((e) => e.node.id)).toEqual(ids.slice(4));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = expectNoErrors(
      (await send(server, ContactsDocument, { last: 3, before: last.pageInfo.startCursor, filter, orderBy }, manager))
        .body,
    ).contacts;
    expect(before.edges.map((e) => e.node.id)).toEqual(ids.slice(1, 4));
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const start = expectNoErrors(
      (await send(server, ContactsDocument, { last: 3, before: before.pageInfo.startCursor, filter, orderBy }, manager))
        .body,
    ).contacts;
    expect(start.edges.map((e) => e.node.id)).toEqual(ids.slice(0, 1));
    expect(start.pageInfo.hasPreviousPage).toBe(false);

    const principals = expectNoErrors(
      (
        await send(
          server,
          ContactsDocument,
          { first: 10, filter: { ...filter, role: ['PRINCIPAL'] }, orderBy },
          manager,
        )
      ).body,
    ).contacts;
    expect(principals.edges.map((e) => e.node.name)).toEqual(['分页联系人01', '分页联系人03', '分页联系人05']);
    expect(principals.totalCount).toBe(3);
    const primary = expectNoErrors(
      (await send(server, ContactsDocument, { first: 10, filter: { ...filter, isPrimary: true } }, manager)).body,
    ).contacts;
    expect(primary.edges.map((e) => e.node.name)).toEqual(['分页联系人03']);
    const bySearch = expectNoErrors(
      (await send(server, ContactsDocument, { first: 10, filter: { search: '分页联系人9' } }, manager)).body,
    ).contacts;
    expect(bySearch.edges.map((e) => e.node.customer?.id)).toEqual([gid('Customer', noise.id)]);
  });

  it('hides contacts of A-class archives from analyst in lists, lookups, node(id) and totalCount, not from sales_manager', async () => {
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const contact = await makeContact(server.ds, secret.id, { name: '机密联系人甲' });
    const id = gid('Contact', contact.id);
    const filter = { search: '机密联系人甲' };
    const analyst = { role: 'analyst' as const };
    expect(expectNoErrors((await send(server, ContactDocument, { id }, analyst)).body).contact).toBeNull();
    expect(expectNoErrors((await send(server, ContactNodeDocument, { id }, analyst)).body).node).toBeNull();
    // Analysts see names masked, so they may not search by name either (bisection would unmask it).
    const searched = await send(server, ContactsDocument, { first: 10, filter }, analyst);
    expect(searched.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byCustomer = expectNoErrors(
      (await send(server, ContactsDocument, { first: 10, filter: { customerId: gid('Customer', secret.id) } }, analyst))
        .body,
    ).contacts;
    expect(byCustomer.totalCount).toBe(0);

    expect(expectNoErrors((await send(server, ContactDocument, { id }, manager)).body).contact?.name).toBe(
      '机密联系人甲',
    );
    expect(expectNoErrors((await send(server, ContactNodeDocument, { id }, manager)).body).node).toMatchObject({
      __typename: 'Contact',
      id,
    });
    const seen = expectNoErrors((await send(server, ContactsDocument, { first: 10, filter }, manager)).body).contacts;
    expect(seen.totalCount).toBe(1);
    expect(seen.edges.map((e) => e.node.id)).toEqual([id]);
  });

  it('lets only contact writers write: analyst, partner and customer_service are FORBIDDEN', async () => {
    const customer = await makeCustomer(server.ds);
    const contact = await makeContact(server.ds, customer.id, { name: '原名' });
    const before = await rows().count();
    for (const role of ['analyst', 'partner', 'customer_service'] as const) {
      const created = await send(
        server,
        CreateContactDocument,
        { input: { customerId: gid('Customer', customer.id), name: '越权' } },
        { role },
      );
      expect(created.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const updated = await send(
        server,
        UpdateContactDocument,
        { input: { id: gid('Contact', contact.id), version: contact.version, name: '越权' } },
        { role },
      );
      expect(updated.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rows().count()).toBe(before);
    expect(await rows().findOneByOrFail({ id: contact.id })).toMatchObject({ name: '原名', version: contact.version });
  });

  it('lets a sales_rep write contacts of the customers it owns only', async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const colleague = await makeUser(server.ds, RoleName.SALES_REP);
    const mine = await makeCustomer(server.ds, { ownerId: rep.id });
    const theirs = await makeCustomer(server.ds, { ownerId: colleague.id });
    const theirContact = await makeContact(server.ds, theirs.id, { name: '同事的联系人' });
    const asRep = { role: 'sales_rep' as const, userId: rep.id };

    const created = expectNoErrors(
      (
        await send(
          server,
          CreateContactDocument,
          { input: { customerId: gid('Customer', mine.id), name: '我的联系人' } },
          asRep,
        )
      ).body,
    ).createContact;
    const updated = expectNoErrors(
      (
        await send(
          server,
          UpdateContactDocument,
          { input: { id: created.id, version: created.version, title: '经理' } },
          asRep,
        )
      ).body,
    ).updateContact;
    expect(updated.title).toBe('经理');

    const denied = await send(
      server,
      CreateContactDocument,
      { input: { customerId: gid('Customer', theirs.id), name: '抢客户' } },
      asRep,
    );
    expect(denied.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const deniedUpdate = await send(
      server,
      UpdateContactDocument,
      { input: { id: gid('Contact', theirContact.id), version: theirContact.version, name: '改同事的' } },
      asRep,
    );
    expect(deniedUpdate.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await rows().countBy({ customerId: theirs.id })).toBe(1);
    expect(await rows().findOneByOrFail({ id: theirContact.id })).toMatchObject({
      name: '同事的联系人',
      version: theirContact.version,
    });

    const asColleague = await send(
      server,
      CreateContactDocument,
      { input: { customerId: gid('Customer', theirs.id), name: '同事新建' } },
      { role: 'sales_rep', userId: colleague.id },
    );
    expect(expectNoErrors(asColleague.body).createContact.name).toBe('同事新建');
  });
});
