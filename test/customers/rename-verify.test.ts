import { RoleName } from '../../src/auth/roles';
import { Customer } from '../../src/customers/customer.entity';
import { FormerName } from '../../src/customers/former-name.entity';
import { type User } from '../../src/users/user.entity';
import {
  ApproveArchiveDocument,
  CreateDraftDocument,
  RenameCustomerDocument,
  SearchCustomersDocument,
  StaleArchivesDocument,
  UpdateDraftDocument,
  VerifyArchiveDocument,
} from '../generated/graphql';
import { describeEachDialect } from '../support/db';
import { gid, makeUser } from '../support/factories';
import { errorCodes, expectNoErrors, type GqlOptions, startTestServer, type TestServer } from '../support/server';
import { send } from '../support/typed';

/** 更名 (rule 7) and 定期核实 (rule 9), from createCustomer onward. */
describeEachDialect('renames and verification', (dialect) => {
  let server: TestServer;
  let rep: User;
  let repOpts: GqlOptions;
  let managerOpts: GqlOptions;
  let n = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect);
    rep = await makeUser(server.ds, RoleName.SALES_REP);
    repOpts = { role: 'sales_rep', userId: rep.id };
    managerOpts = { role: 'sales_manager', userId: (await makeUser(server.ds, RoleName.SALES_MANAGER)).id };
  });
  afterAll(() => server.stop());

  /** A rep's draft, approved by a manager: an archive as the API makes it. */
  async function approvedArchive(name: string) {
    const draft = expectNoErrors(
      (await send(server, CreateDraftDocument, { input: { name, kind: 'ENTERPRISE' } as never }, repOpts)).body,
    ).createCustomer;
    return expectNoErrors(
      (await send(server, ApproveArchiveDocument, { id: draft.id, version: draft.version }, managerOpts)).body,
    ).approveArchive;
  }

  it('renames an approved archive with its document, keeps the old name findable, and refuses a plain name update', async () => {
    const tag = `${dialect}${++n}${Date.now() % 1e5}`;
    const archive = await approvedArchive(`旧名${tag}贸易有限公司`);
    const plain = await send(
      server,
      UpdateDraftDocument,
      { input: { id: archive.id, version: archive.version, name: `新名${tag}` } },
      repOpts,
    );
    expect(plain.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'name' })],
    });

    const rename = (over: Record<string, unknown> = {}) =>
      send(
        server,
        RenameCustomerDocument,
        {
          id: archive.id,
          version: archive.version,
          newName: `新名${tag}科技股份有限公司`,
          effectiveOn: '2026-03-01',
          documentRef: '更名通知 2026-017',
          ...over,
        },
        repOpts,
      );
    expect(errorCodes((await rename({ documentRef: '  ' })).body)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes((await rename({ newName: archive.name })).body)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes((await rename({ version: archive.version + 1 })).body)).toEqual(['CONFLICT']);
    expect(errorCodes((await rename({ effectiveOn: '2026-02-30' })).body)).toEqual(['BAD_USER_INPUT']);
    expect(await server.ds.getRepository(FormerName).countBy({ name: archive.name })).toBe(0);

    const renamed = expectNoErrors((await rename()).body).renameCustomer;
    expect(renamed).toMatchObject({
      name: `新名${tag}科技股份有限公司`,
      version: archive.version + 1,
      nameHistory: [{ name: `旧名${tag}贸易有限公司`, until: '2026-02-28', documentRef: '更名通知 2026-017' }],
    });
    for (const search of [`旧名${tag}`, `新名${tag}`]) {
      const found = expectNoErrors(
        (await send(server, SearchCustomersDocument, { search }, { role: 'analyst' })).body,
      ).customers;
      expect(found.edges.map((e) => e.node.id)).toEqual([archive.id]);
    }
  });

  it('lists archives neither verified nor updated within the period until their owner verifies them', async () => {
    const archive = await approvedArchive(`核实测试${dialect}${++n}公司`);
    const stale = async (opts: GqlOptions, vars: { ownerId?: string; olderThanDays?: number } = {}) =>
      expectNoErrors((await send(server, StaleArchivesDocument, vars, opts)).body).staleArchives.edges.map(
        (e) => e.node.id,
      );
    expect(await stale(repOpts)).not.toContain(archive.id);
    // Backdate it: last touched 100 days ago (the default period is 90).
    const old = new Date(Date.now() - 100 * 86_400_000);
    await server.ds
      .createQueryBuilder()
      .update(Customer)
      .set({ updatedAt: old, createdAt: old })
      .where('archiveNo = :no', { no: archive.archiveNo })
      .execute();
    expect(await stale(repOpts)).toContain(archive.id);
    expect(await stale(repOpts, { olderThanDays: 120 })).not.toContain(archive.id);
    expect(await stale(managerOpts, { ownerId: gid('User', rep.id) })).toContain(archive.id);
    const other = await makeUser(server.ds, RoleName.SALES_REP);
    expect(
      errorCodes(
        (
          await send(
            server,
            StaleArchivesDocument,
            { ownerId: gid('User', rep.id) },
            { role: 'sales_rep', userId: other.id },
          )
        ).body,
      ),
    ).toEqual(['FORBIDDEN']);

    const { version } = await server.ds.getRepository(Customer).findOneByOrFail({ archiveNo: archive.archiveNo });
    const verified = expectNoErrors(
      (await send(server, VerifyArchiveDocument, { id: archive.id, version }, repOpts)).body,
    ).verifyArchive;
    expect(verified).toMatchObject({ verifiedBy: { id: gid('User', rep.id) }, version: version + 1 });
    expect(await stale(repOpts)).not.toContain(archive.id);
  });
});
