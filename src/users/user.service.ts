import { type DataSource, In, type Repository } from 'typeorm';
import type { Page, PageArgs } from '../common/connection';
import { paginate, type SortSpec } from '../common/paging';
import { likeContaining } from '../common/validators';
import type { UserFilter } from './user.inputs';
import type { Caller } from '../auth/caller';
import { idOrNull } from '../common/global-id';
import { byKey } from '../common/loaders';
import { User } from './user.entity';
import { isActiveEmployee } from './named-employee';

const BY_ENTRY: SortSpec = { key: { property: 'id', kind: 'number' }, direction: 'ASC' };

export class UserService {
  private readonly repo: Repository<User>;
  /**
   * Employees marked as left by this instance: their tokens stop at once here (the verified-
   * token cache and open sockets ask), and on other instances when their cache entry lapses.
   */
  private readonly left = new Set<number>();
  constructor(ds: DataSource) {
    this.repo = ds.getRepository(User);
  }

  /** Called once an employee is marked as left (deactivateUser). */
  noteLeft(id: number): void {
    this.left.add(id);
  }

  /** Whether this instance saw the employee leave: answered without the database, for every request. */
  hasLeft(id: number): boolean {
    return this.left.has(id);
  }

  load(caller: Caller, id: number): Promise<User | null> {
    return caller.loaders
      .get<number, User | null>('userById', async (ids) =>
        byKey(ids, await this.repo.findBy({ id: In([...ids]) }), (u) => u.id),
      )
      .load(id);
  }

  /** Whether a token's employee may act: asked once per token (the verified-token cache keeps the answer). */
  isActiveEmployee(id: number): Promise<boolean> {
    return isActiveEmployee(this.repo.manager, id);
  }

  /** Employees, in the order they were entered (for roles that manage people: see OPERATIONS.users). */
  list(page: PageArgs, f: UserFilter = {}): Promise<Page<User>> {
    const qb = this.repo.createQueryBuilder('u');
    if (f.active != null) qb.andWhere('u.active = :active', { active: f.active });
    if (f.role?.length) qb.andWhere('u.role IN (:...role)', { role: f.role });
    if (f.department) qb.andWhere('u.department = :department', { department: f.department });
    if (f.search) qb.andWhere("u.name LIKE :q ESCAPE '!'", { q: likeContaining(f.search) });
    return paginate(qb, 'u', BY_ENTRY, page);
  }

  get(caller: Caller, globalId: string): Promise<User | null> {
    const id = idOrNull(globalId, 'User');
    return id ? this.load(caller, id) : Promise.resolve(null);
  }
}
