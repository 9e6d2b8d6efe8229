import { DataSource, In, Repository } from 'typeorm';
import type { Caller } from '../common/caller';
import { idOrNull } from '../common/global-id';
import { byKey } from '../common/loaders';
import { User } from './user.entity';

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
      .get<number, User | null>('userById', async (ids) => byKey(ids, await this.repo.findBy({ id: In([...ids]) }), (u) => u.id))
      .load(id);
  }

  /** Whether a token's employee may act: asked once per token (the verified-token cache keeps the answer). */
  isActiveEmployee(id: number): Promise<boolean> {
    return this.repo.existsBy({ id, active: true });
  }

  get(caller: Caller, globalId: string): Promise<User | null> {
    const id = idOrNull(globalId, 'User');
    return id ? this.load(caller, id) : Promise.resolve(null);
  }
}
