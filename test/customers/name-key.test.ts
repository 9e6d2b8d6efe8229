import Database from 'better-sqlite3';
import { nameKey, nameKeySql } from '../../src/customers/name-key';

/** The key the writers compute must be the key the migration's SQL backfilled: 查重 compares the two. */
describe('nameKey', () => {
  const db = new Database(':memory:');
  afterAll(() => db.close());
  const inSql = (name: string) =>
    (db.prepare(`SELECT ${nameKeySql('n')} AS k FROM (SELECT ? AS n)`).get(name) as { k: string }).k;

  it.each([
    ['华信电子科技有限公司', '华信电子科技'],
    ['华信电子科技(集团)股份有限公司', '华信电子科技'],
    ['华信电子科技（集团）有限责任公司', '华信电子科技'],
    ['华 信　电子', '华信电子'],
    // Removing 股份 joins 公…司, which the later step removes: part by part, not in one pass.
    ['公股份司', ''],
    ['压测客户12有限公司', '压测客户12'],
  ])('%s → %s, as nameKeySql computes it', (name, key) => {
    expect(nameKey(name)).toBe(key);
    expect(inSql(name)).toBe(key);
  });
});
