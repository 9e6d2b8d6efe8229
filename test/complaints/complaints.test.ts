import { Complaint } from '../../src/complaints/complaint.entity';
import { ComplaintStatus, Severity } from '../../src/complaints/complaint.enums';
import { AbcClass } from '../../src/customers/customer.enums';
import { RoleName } from '../../src/auth/roles';
import {
  ComplaintDocument,
  ComplaintNodeDocument,
  ComplaintsDocument,
  CreateComplaintDocument,
  UpdateComplaintDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeComplaint, makeContact, makeCustomer, makeUser } from '../support/factories';
import { expectNoErrors, type GqlBody, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

const badFields = (body: GqlBody<unknown>) =>
  ((body.errors?.[0].extensions?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();
const DAY = 86_400_000;

describeEachDialect('complaints', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const manager = { role: 'sales_manager' as const };
  const rows = () => server.ds.getRepository(Complaint);
  const base = (customerId: number) => ({
    customerId: gid('Customer', customerId),
    channel: 'PHONE' as const,
    category: 'QUALITY' as const,
    content: '产品质量问题',
  });

  it('creates a complaint, reads it by id and node(id), updates it with its version and refuses a stale one', async () => {
    const customer = await makeCustomer(server.ds);
    const contact = await makeContact(server.ds, customer.id, { name: '投诉人王' });
    const handler = await makeUser(server.ds, RoleName.CUSTOMER_SERVICE, { name: '客服小刘' });
    const created = expectNoErrors(
      (
        await send(
          server,
          CreateComplaintDocument,
          {
            input: {
              ...base(customer.id),
              contactId: gid('Contact', contact.id),
              handlerId: gid('User', handler.id),
              severity: 'HIGH',
              // Issue 15: a HIGH complaint is due within 24 h of its receipt; an earlier due time may be given.
              receivedAt: '2024-05-06T07:08:09.123Z',
              dueAt: '2024-05-07T00:00:00.000Z',
            },
          },
          manager,
        )
      ).body,
    ).createComplaint;
    expect(created).toMatchObject({
      status: 'OPEN',
      severity: 'HIGH',
      receivedAt: '2024-05-06T07:08:09.123Z',
      resolvedAt: null,
      version: 1,
      customer: { id: gid('Customer', customer.id) },
      contact: { id: gid('Contact', contact.id), name: '投诉人王' },
      handler: { id: gid('User', handler.id), name: '客服小刘' },
    });
    expect(expectNoErrors((await send(server, ComplaintDocument, { id: created.id }, manager)).body).complaint).toEqual(
      created,
    );
    expect(expectNoErrors((await send(server, ComplaintNodeDocument, { id: created.id }, manager)).body).node).toEqual({
      __typename: 'Complaint',
      id: created.id,
      content: '产品质量问题',
      status: 'OPEN',
      version: 1,
    });

    const updated = expectNoErrors(
      (
        await send(
          server,
          UpdateComplaintDocument,
          {
            input: { id: created.id, version: 1, status: 'IN_PROGRESS', measures: '加强出厂检验', handlerId: null },
          },
          manager,
        )
      ).body,
    ).updateComplaint;
    expect(updated).toMatchObject({
      status: 'IN_PROGRESS',
      measures: '加强出厂检验',
      handler: null,
      contact: { name: '投诉人王' },
      version: 2,
    });

    const stale = await send(
      server,
      UpdateComplaintDocument,
      { input: { id: created.id, version: 1, measures: '旧版本覆盖' } },
      manager,
    );
    expect(stale.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await rows().findOneByOrFail({ customerId: customer.id })).toMatchObject({
      measures: '加强出厂检验',
      version: 2,
    });
  });

  it('refuses overlong text, out-of-range values and a contact of another customer with BAD_USER_INPUT, writing nothing', async () => {
    const customer = await makeCustomer(server.ds);
    const stranger = await makeContact(server.ds, (await makeCustomer(server.ds)).id);
    const gone = await makeUser(server.ds, RoleName.CUSTOMER_SERVICE, { active: false });
    const before = await rows().count();

    const invalid = await send(
      server,
      CreateComplaintDocument,
      {
        input: { ...base(customer.id), content: '长'.repeat(2001), measures: 'm'.repeat(1001), satisfaction: 6 },
      },
      manager,
    );
    expect(invalid.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badFields(invalid.body)).toEqual(['content', 'measures', 'satisfaction']);

    const foreign = await send(
      server,
      CreateComplaintDocument,
      { input: { ...base(customer.id), contactId: gid('Contact', stranger.id) } },
      manager,
    );
    expect(foreign.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badFields(foreign.body)).toEqual(['contactId']);
    const notAContact = await send(
      server,
      CreateComplaintDocument,
      { input: { ...base(customer.id), contactId: gid('Customer', customer.id) } },
      manager,
    );
    expect(badFields(notAContact.body)).toEqual(['contactId']);
    const inactive = await send(
      server,
      CreateComplaintDocument,
      { input: { ...base(customer.id), handlerId: gid('User', gone.id) } },
      manager,
    );
    expect(badFields(inactive.body)).toEqual(['handlerId']);
    expect(await rows().count()).toBe(before);
  });

  it('refuses null for a required field and a foreign contact on update, leaving the row as it was', async () => {
    const customer = await makeCustomer(server.ds);
    const own = await makeContact(server.ds, customer.id);
    const stranger = await makeContact(server.ds, (await makeCustomer(server.ds)).id);
    const complaint = await makeComplaint(server.ds, customer.id, { contactId: own.id, content: '原始内容' });
    const id = gid('Complaint', complaint.id);
    const v = complaint.version;
    for (const [field, input] of [
      ['content', { id, version: v, content: null }],
      ['status', { id, version: v, status: null }],
      ['channel', { id, version: v, channel: null }],
      ['receivedAt', { id, version: v, receivedAt: null }],
      ['content', { id, version: v, content: 'c'.repeat(2001) }],
      ['contactId', { id, version: v, contactId: gid('Contact', stranger.id) }],
    ] as const) {
      const { body } = await send(server, UpdateComplaintDocument, { input }, manager);
      expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(badFields(body)).toEqual([field]);
    }
    expect(await rows().findOneByOrFail({ id: complaint.id })).toMatchObject({
      content: '原始内容',
      contactId: own.id,
      status: 'OPEN',
      version: v,
    });
    const cleared = expectNoErrors(
      (await send(server, UpdateComplaintDocument, { input: { id, version: v, contactId: null } }, manager)).body,
    ).updateComplaint;
    expect(cleared.contact).toBeNull();
  });

  // Issue 15 changed this rule: one step at a time (no skipping), resolution and measures to
  // resolve, satisfaction to close; going back to IN_PROGRESS is reopening (service-levels.test.ts).
  it('moves status one step at a time, and RESOLVED fills resolvedAt', async () => {
    const customer = await makeCustomer(server.ds);
    const t0 = Date.now() - 1000;
    const created = expectNoErrors(
      (await send(server, CreateComplaintDocument, { input: base(customer.id) }, manager)).body,
    ).createComplaint;
    const id = created.id;
    const step = async (
      version: number,
      status: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED',
      more: Record<string, unknown> = {},
    ) => send(server, UpdateComplaintDocument, { input: { id, version, status, ...more } }, manager);
    const refusedStep = (body: GqlBody<unknown>) => ({
      code: body.errors?.[0].extensions?.code,
      fields: badFields(body),
    });

    for (const skip of ['RESOLVED', 'CLOSED'] as const)
      expect(refusedStep((await step(1, skip)).body)).toEqual({ code: 'COMPLAINT_STEP_REFUSED', fields: ['status'] });
    const inProgress = expectNoErrors((await step(1, 'IN_PROGRESS')).body).updateComplaint;
    expect(inProgress).toMatchObject({ status: 'IN_PROGRESS', resolvedAt: null });
    expect(refusedStep((await step(2, 'OPEN')).body)).toEqual({ code: 'COMPLAINT_STEP_REFUSED', fields: ['status'] });
    expect(refusedStep((await step(2, 'RESOLVED')).body)).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['measures', 'resolution'],
    });
    expect(refusedStep((await step(2, 'RESOLVED', { resolution: '已换货', measures: '   ' })).body)).toEqual({
      code: 'BAD_USER_INPUT',
      fields: ['measures'],
    });
    const resolved = expectNoErrors(
      (await step(2, 'RESOLVED', { resolution: '已换货', measures: '加强出厂检验' })).body,
    ).updateComplaint;
    expect(resolved.status).toBe('RESOLVED');
    const resolvedAt = Date.parse(resolved.resolvedAt!);
    expect(resolvedAt).toBeGreaterThanOrEqual(t0);
    expect(resolvedAt).toBeLessThanOrEqual(Date.now() + 1000);

    expect(refusedStep((await step(3, 'OPEN')).body)).toEqual({ code: 'COMPLAINT_STEP_REFUSED', fields: ['status'] });
    expect(refusedStep((await step(3, 'CLOSED')).body)).toEqual({ code: 'BAD_USER_INPUT', fields: ['satisfaction'] });
    expect(
      refusedStep(
        (await send(server, UpdateComplaintDocument, { input: { id, version: 3, resolution: null } }, manager)).body,
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', fields: ['resolution'] });
    expect(await rows().findOneByOrFail({ customerId: customer.id })).toMatchObject({
      status: ComplaintStatus.RESOLVED,
      version: 3,
    });

    const closed = expectNoErrors((await step(3, 'CLOSED', { satisfaction: 4 })).body).updateComplaint;
    expect(closed).toMatchObject({ status: 'CLOSED', resolvedAt: resolved.resolvedAt, satisfaction: 4 });
    expect(refusedStep((await step(4, 'RESOLVED')).body)).toEqual({
      code: 'COMPLAINT_STEP_REFUSED',
      fields: ['status'],
    });

    // A new complaint is OPEN: it cannot be born further along.
    for (const status of ['IN_PROGRESS', 'RESOLVED', 'CLOSED'] as const) {
      const born = await send(
        server,
        CreateComplaintDocument,
        { input: { ...base(customer.id), status, resolution: '已处理', measures: '改进', satisfaction: 5 } },
        manager,
      );
      expect(refusedStep(born.body)).toEqual({ code: 'COMPLAINT_STEP_REFUSED', fields: ['status'] });
    }
    expect(await rows().countBy({ customerId: customer.id })).toBe(1);
  });

  it('filters and pages forward and backward without gaps or repeats', async () => {
    const customer = await makeCustomer(server.ds);
    const handler = await makeUser(server.ds, RoleName.CUSTOMER_SERVICE);
    await makeComplaint(server.ds, (await makeCustomer(server.ds)).id);
    const start = Date.parse('2024-03-01T00:00:00.000Z');
    const statuses = [
      ComplaintStatus.OPEN,
      ComplaintStatus.IN_PROGRESS,
      ComplaintStatus.RESOLVED,
      ComplaintStatus.CLOSED,
    ];
    const made: Complaint[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await makeComplaint(server.ds, customer.id, {
          receivedAt: new Date(start + i * DAY),
          status: statuses[i % 4],
          severity: i < 2 ? Severity.CRITICAL : Severity.LOW,
          handlerId: i % 3 === 0 ? handler.id : null,
          dueAt: new Date(Date.now() + (i % 2 ? -DAY : DAY)),
        }),
      );
    }
    const filter = { customerId: gid('Customer', customer.id) };
    const newestFirst = [...made].reverse().map((c) => gid('Complaint', c.id));
    const ids: string[] = [];
    let after: string | null | undefined;
    for (;;) {
      const page = expectNoErrors(
        (await send(server, ComplaintsDocument, { first: 3, after, filter }, manager)).body,
      ).complaints;
      expect(page.totalCount).toBe(7);
      ids.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual(newestFirst);
    const last = expectNoErrors((await send(server, ComplaintsDocument, { last: 3, filter }, manager)).body).complaints;
    expect(last.edges.map((e) => e.node.id)).toEqual(ids.slice(4));
    const before = expectNoErrors(
      (await send(server, ComplaintsDocument, { last: 3, before: last.pageInfo.startCursor, filter }, manager)).body,
    ).complaints;
    expect(before.edges.map((e) => e.node.id)).toEqual(ids.slice(1, 4));
    const asc = expectNoErrors(
      (
        await send(
          server,
          ComplaintsDocument,
          { first: 4, filter, orderBy: { field: 'RECEIVED_AT', direction: 'ASC' } },
          manager,
        )
      ).body,
    ).complaints;
    expect(asc.edges.map((e) => e.node.id)).toEqual(made.slice(0, 4).map((c) => gid('Complaint', c.id)));

    const pick = async (f: Record<string, unknown>) =>
      expectNoErrors(
        (
          await send(
            server,
            ComplaintsDocument,
            { first: 20, filter: { ...filter, ...f }, orderBy: { field: 'RECEIVED_AT', direction: 'ASC' } },
            manager,
          )
        ).body,
      ).complaints.edges.map((e) => made.findIndex((c) => gid('Complaint', c.id) === e.node.id));
    expect(await pick({ status: ['OPEN', 'CLOSED'] })).toEqual([0, 3, 4]);
    expect(await pick({ severity: ['CRITICAL'] })).toEqual([0, 1]);
    expect(await pick({ handlerId: gid('User', handler.id) })).toEqual([0, 3, 6]);
    expect(
      await pick({
        receivedFrom: new Date(start + 2 * DAY).toISOString(),
        receivedBefore: new Date(start + 4 * DAY).toISOString(),
      }),
    ).toEqual([2, 3]);
    expect(await pick({ overdue: true })).toEqual([1, 5]);
    expect(await pick({ overdue: false })).toEqual([0, 2, 3, 4, 6]);
  });

  it('hides complaints of A-class archives from analyst in lists, lookups, node(id) and totalCount, not from sales_manager', async () => {
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    const complaint = await makeComplaint(server.ds, secret.id, { content: '机密投诉乙' });
    const id = gid('Complaint', complaint.id);
    const filter = { customerId: gid('Customer', secret.id) };
    for (const role of ['analyst', 'customer_service'] as const) {
      expect(expectNoErrors((await send(server, ComplaintDocument, { id }, { role })).body).complaint).toBeNull();
      expect(expectNoErrors((await send(server, ComplaintNodeDocument, { id }, { role })).body).node).toBeNull();
      expect(
        expectNoErrors((await send(server, ComplaintsDocument, { first: 10, filter }, { role })).body).complaints,
      ).toMatchObject({ totalCount: 0, edges: [] });
    }
    const all = { first: 100, filter: { receivedFrom: new Date(complaint.receivedAt.getTime() - 1).toISOString() } };
    const analystTotal = expectNoErrors(
      (await send(server, ComplaintsDocument, all, { role: 'analyst' })).body,
    ).complaints;
    const managerTotal = expectNoErrors((await send(server, ComplaintsDocument, all, manager)).body).complaints;
    expect(managerTotal.edges.map((e) => e.node.id)).toContain(id);
    expect(analystTotal.edges.map((e) => e.node.id)).not.toContain(id);
    expect(analystTotal.totalCount).toBeLessThan(managerTotal.totalCount);

    expect(expectNoErrors((await send(server, ComplaintDocument, { id }, manager)).body).complaint?.content).toBe(
      '机密投诉乙',
    );
    expect(expectNoErrors((await send(server, ComplaintNodeDocument, { id }, manager)).body).node).toMatchObject({
      __typename: 'Complaint',
      id,
    });
    expect(
      expectNoErrors((await send(server, ComplaintsDocument, { first: 10, filter }, manager)).body).complaints
        .totalCount,
    ).toBe(1);
  });

  it('lets customer_service write complaints; analyst, partner and sales_rep are FORBIDDEN', async () => {
    const rep = await makeUser(server.ds, RoleName.SALES_REP);
    const customer = await makeCustomer(server.ds, { ownerId: rep.id });
    const existing = await makeComplaint(server.ds, customer.id, { content: '原样' });
    const before = await rows().count();
    for (const opts of [
      { role: 'analyst' as const },
      { role: 'partner' as const },
      { role: 'sales_rep' as const, userId: rep.id },
    ]) {
      expect(
        (await send(server, CreateComplaintDocument, { input: base(customer.id) }, opts)).body.errors?.[0].extensions
          ?.code,
      ).toBe('FORBIDDEN');
      const upd = await send(
        server,
        UpdateComplaintDocument,
        { input: { id: gid('Complaint', existing.id), version: existing.version, content: '越权' } },
        opts,
      );
      expect(upd.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rows().count()).toBe(before);
    expect(await rows().findOneByOrFail({ id: existing.id })).toMatchObject({
      content: '原样',
      version: existing.version,
    });

    const cs = { role: 'customer_service' as const, userId: (await makeUser(server.ds, RoleName.CUSTOMER_SERVICE)).id };
    const created = expectNoErrors(
      (await send(server, CreateComplaintDocument, { input: base(customer.id) }, cs)).body,
    ).createComplaint;
    const updated = expectNoErrors(
      (
        await send(
          server,
          UpdateComplaintDocument,
          { input: { id: created.id, version: created.version, status: 'IN_PROGRESS' } },
          cs,
        )
      ).body,
    ).updateComplaint;
    expect(updated.status).toBe('IN_PROGRESS');
    // An archive customer_service may not see is as missing to it as to anyone.
    const secret = await makeCustomer(server.ds, { abcClass: AbcClass.A });
    expect(
      (await send(server, CreateComplaintDocument, { input: base(secret.id) }, cs)).body.errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    expect(await rows().countBy({ customerId: secret.id })).toBe(0);
  });
});
