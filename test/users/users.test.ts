import { RoleName } from '../../src/auth/roles';
import { describeEachDialect } from '../support/db';
import { gid, makeUser } from '../support/factories';
import { errorCodes, expectNoErrors, startTestServer, type TestServer } from '../support/server';

describeEachDialect('users list', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
    await makeUser(server.ds, RoleName.SALES_REP, { name: '王强' });
    await makeUser(server.ds, RoleName.SALES_REP, { name: '王芳', active: false, leftAt: new Date() });
    await makeUser(server.ds, RoleName.FINANCE, { name: '赵敏', department: '财务部' });
  });
  afterAll(() => server.stop());

  it('names the people for roles that manage them, filtered', async () => {
    type Users = { users: { totalCount: number; edges: { node: { id: string; name: string; active: boolean } }[] } };
    const q = 'query($f: UserFilter) { users(filter: $f) { totalCount edges { node { id name active } } } }';
    const all = expectNoErrors((await server.gql<Users>(q, {}, { role: 'sales_manager' })).body).users;
    expect(all.edges.map((e) => e.node.name)).toEqual(['王强', '王芳', '赵敏']);
    const wang = expectNoErrors(
      (await server.gql<Users>(q, { f: { search: '王', active: true } }, { role: 'general_manager' })).body,
    ).users;
    expect(wang.edges.map((e) => e.node.name)).toEqual(['王强']);
    const finance = expectNoErrors(
      (await server.gql<Users>(q, { f: { role: ['FINANCE'], department: '财务部' } }, { role: 'sales_manager' })).body,
    ).users;
    expect(finance.totalCount).toBe(1);
    expect(finance.edges[0].node.id).toBe(
      gid(
        'User',
        (
          await server.ds.query(
            "SELECT id FROM user WHERE name = '赵敏'".replace('user', dialect === 'mysql' ? '`user`' : '"user"'),
          )
        )[0].id,
      ),
    );
  });

  it('is refused to roles that do not manage people', async () => {
    for (const role of ['analyst', 'sales_rep', 'partner'] as const) {
      expect(errorCodes((await server.gql('{ users { totalCount } }', {}, { role })).body)).toEqual(['FORBIDDEN']);
    }
  });
});
