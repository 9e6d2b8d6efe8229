import { type DataSource, type Repository } from 'typeorm';
import { type Page, type PageArgs } from '../common/connection';
import { expectId } from '../common/global-id';
import { paginate } from '../common/paging';
import { ReadAudit } from './read-audit.entity';

/** Reading the read audit; who may do so is a rule in auth/fields.ts (archive_admin). */
export class ReadAuditService {
  private readonly repo: Repository<ReadAudit>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository(ReadAudit);
  }

  /** Newest first; ordered by id, which follows insertion exactly (timestamps can tie). */
  list(page: PageArgs, customerGlobalId?: string): Promise<Page<ReadAudit>> {
    const qb = this.repo.createQueryBuilder('a');
    if (customerGlobalId)
      qb.where('a.customerId = :cid', { cid: expectId(customerGlobalId, 'Customer', 'customerId') });
    return paginate(qb, 'a', { key: { property: 'id', kind: 'number' }, direction: 'DESC' }, page);
  }
}
