/**
 * The outbox stores a creation's event compactly (outbox/record-types.ts snapshotJson,
 * record-change.ts): the snapshot without its null columns and no field list, which means
 * every column. The feed answers it exactly as it answers an event stored the old way (every
 * column written out, nulls included), which databases written before keep.
 */
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { Customer } from '../../src/customers/customer.entity';
import { cursorOf } from '../../src/changes/hydrate';
import { describeEachDialect } from '../support/db';
import { gid } from '../support/factories';
import { expectNoErrors, startTestServer, type TestServer } from '../support/server';

const CREATE = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }`;
const CHANGES = `query($after: String) { changes(after: $after, first: 10) { edges { node {
  recordType recordId operation changedFields
  record { id ... on Customer { name shortName website kind creditLimit employeeCount createdAt approvedAt } } } } } }`;

type Node = { recordId: string; operation: string; changedFields: string[]; record: Record<string, unknown> };
type Changes = { changes: { edges: { node: Node }[] } };

describeEachDialect('compact change events', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(() => server.stop());

  const gm = { role: 'general_manager' as const };
  const lastSeq = async () => Number((await server.ds.query('SELECT last FROM change_sequence WHERE id = 1'))[0].last);
  const feedAfter = async (seq: number) =>
    expectNoErrors((await server.gql<Changes>(CHANGES, { after: cursorOf(seq) }, gm)).body).changes.edges.map(
      (e) => e.node,
    );

  it('stores a creation without its nulls or a field list, and the feed answers it whole', async () => {
    const from = await lastSeq();
    const created = expectNoErrors(
      (
        await server.gql<{ createCustomer: { id: string } }>(
          CREATE,
          { input: { name: '紧凑事件有限公司', kind: 'ENTERPRISE', employeeCount: 12 } },
          gm,
        )
      ).body,
    ).createCustomer;
    const [event] = await server.ds.getRepository(ChangeEvent).find({ where: { seq: from + 1 } });
    expect(event.operation).toBe('CREATED');
    expect(event.changedFields).toBe('');
    const stored = JSON.parse(event.payload) as Record<string, unknown>;
    expect(Object.values(stored)).not.toContain(null);
    expect(stored).not.toHaveProperty('shortName');
    expect(stored).toMatchObject({ name: '紧凑事件有限公司', employeeCount: 12 });

    const [node] = await feedAfter(from);
    expect(node.recordId).toBe(created.id);
    expect(node.record).toMatchObject({ name: '紧凑事件有限公司', shortName: null, website: null, approvedAt: null });
    expect(node.record.creditLimit).toBe('0.00');
    // Every column, null or not, as before.
    expect(node.changedFields).toEqual(expect.arrayContaining(['name', 'shortName', 'website', 'creditLimit']));

    // The same event stored the old way answers the same.
    const row = await server.ds.getRepository(Customer).findOneByOrFail({ id: event.recordId });
    const columns = server.ds.getMetadata(Customer).columns.map((c) => c.propertyName);
    const seq = await lastSeq();
    await server.ds.query('UPDATE change_sequence SET last = ? WHERE id = 1', [seq + 1]);
    await server.ds
      .getRepository(ChangeEvent)
      .insert({ ...event, seq: seq + 1, changedFields: columns.join(','), payload: JSON.stringify(row) });
    const [old] = await feedAfter(seq);
    expect(old).toEqual(node);
    expect(gid('Customer', row.id)).toBe(created.id);
  });
});
