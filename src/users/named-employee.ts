import type { DataSource, EntityManager } from 'typeorm';
import type { Owned, WriteRight } from '../auth/guard';
import { badInput } from '../common/errors';
import { expectId } from '../common/global-id';
import { User } from './user.entity';

/**
 * The employee an input field names (a customer's owner, a trade's or complaint's handler,
 * a visit's visitor): the caller's write right must let it name that person (FORBIDDEN
 * otherwise, checked first, so a refused name costs no lookup), and they must be an active
 * employee (BAD_USER_INPUT otherwise). `customers` are those the write is under.
 */
export async function namedEmployee(
  ds: DataSource,
  right: WriteRight,
  customers: readonly Owned[],
  field: string,
  globalId: string,
): Promise<number> {
  const id = expectId(globalId, 'User', field);
  right.assertNames(customers, field, id);
  await expectActiveEmployee(ds, id, field);
  return id;
}

/** Whether `id` is an employee who has not left: the one test of "active employee" (writes, handovers, tokens). */
export function isActiveEmployee(ds: DataSource | EntityManager, id: number): Promise<boolean> {
  return ds.getRepository(User).existsBy({ id, active: true });
}

/** BAD_USER_INPUT naming `field` unless `id` is an active employee. */
export async function expectActiveEmployee(ds: DataSource | EntityManager, id: number, field: string): Promise<void> {
  if (!(await isActiveEmployee(ds, id))) throw badInput(field, 'no active employee with this id');
}
