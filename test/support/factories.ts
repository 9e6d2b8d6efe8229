import type { DataSource } from 'typeorm';
import { Customer } from '../../src/customers/customer.entity';
import { AbcClass, ArchiveStatus, CustomerKind, Region } from '../../src/customers/customer.enums';
import { User } from '../../src/users/user.entity';
import { RoleName } from '../../src/auth/roles';
import { toGlobalId } from '../../src/common/global-id';

let seq = 0;
const next = () => `${process.pid}${++seq}`;

/** Test data straight into the real database; each test builds what it needs. */
export async function makeUser(ds: DataSource, role: RoleName = RoleName.SALES_REP, over: Partial<User> = {}): Promise<User> {
  return ds.getRepository(User).save(ds.getRepository(User).create({ name: `员工${next()}`, department: '销售一部', role, active: true, ...over }));
}

export async function makeCustomer(ds: DataSource, over: Partial<Customer> = {}): Promise<Customer> {
  const n = next();
  const repo = ds.getRepository(Customer);
  return repo.save(
    repo.create({
      archiveNo: `TEST${n}`.slice(0, 32), name: `测试客户${n}有限公司`, kind: CustomerKind.ENTERPRISE, region: Region.EAST,
      status: ArchiveStatus.ACTIVE, abcClass: AbcClass.B, creditLimit: '100000.00', outstandingBalance: '0.00', tradeTotal: '0.00',
      ...over,
    }),
  );
}

export const gid = (type: string, id: number) => toGlobalId(type, id);
