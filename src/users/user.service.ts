import { DataSource, In, Repository } from 'typeorm';
import type { Caller } from '../common/caller';
import { idOrNull } from '../common/global-id';
import { byKey } from '../common/loaders';
import { User } from './user.entity';

export class UserService {
  private readonly repo: Repository<User>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository(User);
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
