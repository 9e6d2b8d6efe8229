import { AppError } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import type { Customer } from './customer.entity';
import { ArchiveStatus } from './customer.enums';

/** Statuses of an archive a manager has approved: they hold their credit code as the unique key. */
const APPROVED = new Set<ArchiveStatus>([ArchiveStatus.ACTIVE, ArchiveStatus.DORMANT, ArchiveStatus.ENDED]);
export const holdsCreditCodeKey = (status: ArchiveStatus) => APPROVED.has(status);

/** Drafts are corrected with updateCustomer; an approved archive's name changes only by renameCustomer (更名). */
export const renamesNeedRecord = (status: ArchiveStatus) =>
  status !== ArchiveStatus.PENDING_APPROVAL && status !== ArchiveStatus.REJECTED;

/** CONFLICT naming the archive that already has a credit code; only for archives the caller may see. */
export const duplicateArchive = (other: Pick<Customer, 'id' | 'archiveNo' | 'name'>) =>
  new AppError(
    'CONFLICT',
    `Archive ${other.archiveNo} (${other.name}) already has this creditCode: one archive per real customer (查重).`,
    {
      duplicateOf: { id: toGlobalId('Customer', other.id), archiveNo: other.archiveNo },
    },
  );

/** Rule 1 (archive first): no signing, ordering, paying or delivery without an approved archive. */
export function assertApproved(customer: Pick<Customer, 'status'>): void {
  if (customer.status !== ArchiveStatus.ACTIVE) {
    throw new AppError(
      'ARCHIVE_NOT_APPROVED',
      `Refused: trades need an approved, active archive (没有档案的客户禁止签约、回款、提货); this archive is ${customer.status}.`,
      { fields: [{ field: 'customerId', message: `the archive is ${customer.status}, trades need ACTIVE` }] },
    );
  }
}
