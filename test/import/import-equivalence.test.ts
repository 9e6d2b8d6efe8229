import fs from 'node:fs';
import path from 'node:path';
import { RoleName } from '../../src/auth/roles';
import { Customer } from '../../src/customers/customer.entity';
import { CustomerNameGram } from '../../src/customers/name-gram.entity';
import { gramsOf, searchedTexts } from '../../src/customers/name-grams';
import { CHUNK_ROWS } from '../../src/import/import.service';
import { ChangeEvent } from '../../src/outbox/change-event.entity';
import { ChangeHistory } from '../../src/outbox/change-history.entity';
import { snapshotJson } from '../../src/outbox/record-types';
import { hydrate } from '../../src/changes/hydrate';
import { type User } from '../../src/users/user.entity';
import { describeEachDialect } from '../support/db';
import { gid, makeCustomer, makeUser } from '../support/factories';
import { ArchiveStatus } from '../../src/customers/customer.enums';
import { startTestServer, type TestServer } from '../support/server';
import { runImport } from './cli';
import { creditCode, writeCsv } from './files';

/**
 * The import writes new archives in bulk (multi-row INSERTs, rows read back once for their ids
 * and their events' snapshots, grams of the whole chunk at once). What it stores must be
 * what createCustomer stores for the same values: the archive, its change event (payload
 * and changed fields), its history entry and its name grams; and each event's payload is
 * the record exactly as it is stored.
 */
describeEachDialect('imported archives equal created ones', (dialect) => {
  let server: TestServer;
  let rep: User;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    dir = fs.mkdtempSync(path.join(server.db.dataDir, 'equal-'));
  });
  afterAll(() => server.stop());

  /** What the outbox, the history and the index hold of an archive, its own identity left out. */
  async function stored(id: number) {
    const ds = server.ds;
    const row = await ds.getRepository(Customer).findOneByOrFail({ id });
    const newest = { order: { occurredAt: 'DESC', id: 'DESC' } } as const;
    const [event] = await ds
      .getRepository(ChangeEvent)
      .find({ where: { recordType: 'Customer', recordId: id }, order: { seq: 'DESC' } });
    const [history] = await ds
      .getRepository(ChangeHistory)
      .find({ where: { recordType: 'Customer', recordId: id }, ...newest });
    const grams = (await ds.getRepository(CustomerNameGram).find({ where: { customerId: id } })).map((g) => g.gram);
    // The payload is the record as stored, value for value, in the same form (nulls left out).
    expect(event.payload).toBe(snapshotJson(row));
    expect(JSON.stringify(hydrate(ds, 'Customer', event.payload))).toBe(JSON.stringify(row));
    expect(grams.sort()).toEqual(gramsOf(searchedTexts(row)).sort());
    const own = new Set(['id', 'archiveNo', 'name', 'nameKey', 'creditCode', 'createdAt', 'updatedAt']);
    const rest = (o: Record<string, unknown>) => Object.entries(o).filter(([k]) => !own.has(k));
    return {
      operation: event.operation,
      changedFields: event.changedFields,
      actor: [event.actorSubject, event.actorUserId, history.actorSubject, history.actorUserId],
      payload: rest(JSON.parse(event.payload) as Record<string, unknown>),
      history: (JSON.parse(history.changes) as { f: string; o: unknown; n: unknown }[]).filter((c) => !own.has(c.f)),
      historyFields: (JSON.parse(history.changes) as { f: string }[]).map((c) => c.f),
    };
  }

  it('stores what createCustomer stores, for every row of a file longer than a chunk', async () => {
    const values = {
      kind: 'ENTERPRISE',
      region: 'EAST',
      city: '杭州',
      phone: '0571-88001234',
      address: '杭州市某区某路1号',
      registeredCapital: '1200000.5',
      foundedOn: '2010-03-05',
      industry: '制造业',
      source: 'EXHIBITION',
      employeeCount: 120,
    };
    const token = await server.token(RoleName.SALES_REP, rep.id);
    const created = await server.gql<{ createCustomer: { id: string } }>(
      'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
      { input: { ...values, name: `对照${dialect}客户有限公司`, creditCode: creditCode() } },
      { token },
    );
    expect(created.body.errors).toBeUndefined();
    const [mutated] = await server.ds
      .getRepository(Customer)
      .find({ where: { name: `对照${dialect}客户有限公司` }, select: { id: true } });

    const rows = CHUNK_ROWS + 3;
    const csv = path.join(dir, '客户资料表.csv');
    const columns = Object.keys(values);
    writeCsv(csv, [
      ['name', 'creditCode', ...columns],
      ...Array.from({ length: rows }, (_, i) => [
        `导入${dialect}客户${i}有限公司`,
        creditCode(),
        ...columns.map((c) => (values as Record<string, string | number>)[c]),
      ]),
    ]);
    const result = await runImport(server, [csv, '--token', token]);
    expect(result.out).toMatch(new RegExp(`${rows} created`));

    const expected = await stored(mutated.id);
    expect(expected.history.length).toBeGreaterThan(5);
    for (const i of [0, CHUNK_ROWS - 1, CHUNK_ROWS, rows - 1]) {
      const { id } = await server.ds
        .getRepository(Customer)
        .findOneOrFail({ where: { name: `导入${dialect}客户${i}有限公司` }, select: { id: true } });
      expect(await stored(id)).toEqual(expected);
    }
  });

  it('updates an archive as updateCustomer does, kept keys included', async () => {
    const draft = { ownerId: rep.id, createdById: rep.id, status: ArchiveStatus.PENDING_APPROVAL };
    const [viaApi, viaFile] = [await makeCustomer(server.ds, draft), await makeCustomer(server.ds, draft)];
    const change = { phone: '0571-88886666', foundedOn: '2019-07-01', purchaseCycleDays: 45 };
    const token = await server.token(RoleName.SALES_REP, rep.id);
    const updated = await server.gql(
      'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { version } }',
      { input: { id: gid('Customer', viaApi.id), version: viaApi.version, ...change } },
      { token },
    );
    expect(updated.body.errors).toBeUndefined();
    const csv = path.join(dir, 'update.csv');
    writeCsv(csv, [
      ['archiveNo', ...Object.keys(change)],
      [viaFile.archiveNo, ...Object.values(change)],
    ]);
    expect((await runImport(server, [csv, '--token', token])).out).toMatch(/1 updated/);
    const expected = await stored(viaApi.id);
    expect(expected.changedFields.split(',')).toContain('foundedKey');
    expect(await stored(viaFile.id)).toEqual(expected);
  });

  it('updates archives named by credit code or by name in a file of new ones, creating no second archive', async () => {
    // The rows of a mostly new file are checked as new ones before the lookups answer (customer-import.ts):
    // a row the lookups find an archive for must still be an update.
    const token = await server.token(RoleName.SALES_REP, rep.id);
    const code = creditCode();
    const byName = `按名称${dialect}客户有限公司`;
    for (const input of [
      { name: `按代码${dialect}客户有限公司`, kind: 'ENTERPRISE', creditCode: code },
      { name: byName, kind: 'ENTERPRISE' },
    ]) {
      const made = await server.gql(
        'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { id } }',
        { input },
        { token },
      );
      expect(made.body.errors).toBeUndefined();
    }
    const csv = path.join(dir, 'known.csv');
    writeCsv(csv, [
      ['name', 'creditCode', 'kind', 'phone'],
      ...Array.from({ length: CHUNK_ROWS }, (_, i) => [`新${dialect}客户${i}有限公司`, creditCode(), '企业', '']),
      ['', code, '', '0571-81110001'],
      [byName, '', '', '0571-81110002'],
    ]);
    expect((await runImport(server, [csv, '--token', token])).out).toMatch(
      new RegExp(`${CHUNK_ROWS} created, 2 updated`),
    );
    const known = await server.ds.getRepository(Customer).find({
      where: [{ creditCode: code }, { name: byName }],
      select: { name: true, phone: true },
      order: { phone: 'ASC' },
    });
    expect(known.map((c) => c.phone)).toEqual(['0571-81110001', '0571-81110002']);
  });

  const ROWS = 2 * CHUNK_ROWS + 5;
  it.each([
    ['the last chunk', ROWS - 1],
    // Pipelined on MySQL: the next chunks' writes were sent behind the failing events.
    ['the first chunk, while later chunks write', 3],
  ])('stores nothing when a write fails after its chunk was answered (the outbox of %s)', async (_, failing) => {
    const trigger =
      dialect === 'mysql'
        ? "CREATE TRIGGER fail_tail BEFORE INSERT ON change_event FOR EACH ROW BEGIN IF NEW.payload LIKE '%尾部失败%' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'tail failed'; END IF; END"
        : "CREATE TRIGGER fail_tail BEFORE INSERT ON change_event WHEN NEW.payload LIKE '%尾部失败%' BEGIN SELECT RAISE(ABORT, 'tail failed'); END";
    await server.ds.query(trigger);
    try {
      const csv = path.join(dir, 'tail.csv');
      writeCsv(csv, [
        ['name', 'kind'],
        ...Array.from({ length: ROWS }, (_, i) => [`尾部${i === failing ? '失败' : ''}${dialect}${i}公司`, '企业']),
      ]);
      const events = await server.ds.getRepository(ChangeEvent).count();
      const result = await runImport(server, [csv, '--token', await server.token(RoleName.SALES_REP, rep.id)]);
      expect(result.code).toBe(2);
      expect(result.err).toContain('tail failed');
      const names = await server.ds.getRepository(Customer).find({ select: { name: true } });
      expect(names.filter((c) => c.name.startsWith('尾部'))).toEqual([]);
      expect(await server.ds.getRepository(ChangeEvent).count()).toBe(events);
    } finally {
      await server.ds.query('DROP TRIGGER fail_tail');
    }
  });

  it('numbers chunks of several regions as consecutive numbers per region, events too, continued by createCustomer', async () => {
    // Numbers after each region's first chunk are counted by the import and stored before the commit.
    const cycle = ['华北', '华东', '华南', '华东', '华北', '华东'];
    const regions = Array.from({ length: 2 * CHUNK_ROWS + 6 }, (_, i) => cycle[i % cycle.length]);
    const eventsBefore = await server.ds.getRepository(ChangeEvent).count();
    const csv = path.join(dir, 'regions.csv');
    writeCsv(csv, [['name', 'kind', 'region'], ...regions.map((r, i) => [`编号${dialect}${i}公司`, '企业', r])]);
    const token = await server.token(RoleName.SALES_REP, rep.id);
    expect((await runImport(server, [csv, '--token', token])).out).toMatch(new RegExp(`${regions.length} created`));
    const numbers = await server.ds.getRepository(Customer).find({
      where: regions.map((_, i) => ({ name: `编号${dialect}${i}公司` })),
      select: { name: true, archiveNo: true, region: true },
    });
    const byRegion = new Map<string, number[]>();
    for (const c of numbers)
      byRegion.set(c.region!, [...(byRegion.get(c.region!) ?? []), Number(c.archiveNo.slice(-6))]);
    const perRegion = ['华南', '华北', '华东'].map((r) => regions.filter((x) => x === r).length);
    expect([...byRegion.values()].map((seqs) => seqs.length).sort((a, b) => a - b)).toEqual(perRegion);
    for (const seqs of byRegion.values()) {
      seqs.sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    }
    const created = await server.gql<{ createCustomer: { archiveNo: string } }>(
      'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { archiveNo } }',
      { input: { name: `编号${dialect}之后公司`, kind: 'ENTERPRISE', region: 'EAST' } },
      { token },
    );
    expect(Number(created.body.data!.createCustomer.archiveNo.slice(-6))).toBe(Math.max(...byRegion.get('EAST')!) + 1);
    // One event per archive, numbered without gaps, and the API's write numbered after them.
    const events = await server.ds
      .getRepository(ChangeEvent)
      .find({ select: { seq: true }, order: { seq: 'ASC' }, skip: eventsBefore, take: regions.length + 10 });
    const seqs = events.map((e) => Number(e.seq));
    expect(seqs).toHaveLength(regions.length + 1);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
  });
});
