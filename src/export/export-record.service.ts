import { type DataSource, type Repository } from 'typeorm';
import { type Page, type PageArgs } from '../common/connection';
import { paginate } from '../common/paging';
import { ExportRecord } from './export-record.entity';

/** Reading the export register; who may do so is EXPORT_RECORD_READERS in auth/policy.ts. */
export class ExportRecordService {
  private readonly repo: Repository<ExportRecord>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository(ExportRecord);
  }

  /** Newest first; ordered by id, which follows the order records were written (timestamps can tie). */
  list(page: PageArgs): Promise<Page<ExportRecord>> {
    return paginate(
      this.repo.createQueryBuilder('e'),
      'e',
      { key: { property: 'id', kind: 'number' }, direction: 'DESC' },
      page,
    );
  }
}
