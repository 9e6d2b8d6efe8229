import { type EntityManager, In } from 'typeorm';
import { toGlobalId } from '../common/global-id';
import { User } from '../users/user.entity';
import { distinct } from './import-rows';
import { groupBy } from '../common/group-by';

/**
 * Employees as a spreadsheet names them: by name (业务员 张三), since people know no ids.
 * A name must belong to exactly one active employee; the API's rules for naming an
 * employee (write-right, active) then apply to the id it stands for.
 */
export class EmployeeNames {
  private constructor(private readonly byName: Map<string, number[]>) {}

  static async lookUp(em: EntityManager, names: readonly unknown[]): Promise<EmployeeNames> {
    const wanted = distinct(names.map((n) => (typeof n === 'string' ? n : null)));
    const users = wanted.length
      ? await em
          .getRepository(User)
          .find({ where: { name: In(wanted), active: true }, select: { id: true, name: true } })
      : [];
    const byName = groupBy(users, (user) => user.name);
    return new EmployeeNames(new Map([...byName].map(([name, named]) => [name, named.map((u) => u.id)])));
  }

  /** The global id of the one active employee of this name, or why there is none. */
  globalId(name: string): { id: string; rowId: number } | { reason: string } {
    const ids = this.byName.get(name) ?? [];
    if (ids.length === 0) return { reason: `no active employee is named "${name}"` };
    if (ids.length > 1)
      return { reason: `${ids.length} active employees are named "${name}": tell them apart in the name first` };
    return { id: toGlobalId('User', ids[0]), rowId: ids[0] };
  }
}
