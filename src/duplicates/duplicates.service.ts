import type { DataSource } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import { assertAnyRole } from '../auth/guard';
import { ARCHIVE_APPROVERS } from '../auth/policy';
import { notFound } from '../common/errors';
import { expectId } from '../common/global-id';
import { Contact } from '../contacts/contact.entity';
import type { Customer } from '../customers/customer.entity';
import { ArchiveStatus } from '../customers/customer.enums';
import type { CustomerService } from '../customers/customer.service';
import { dialectOf } from '../db/data-source';
import { type DuplicateCandidate, DuplicateReason } from './duplicates.types';

const MAX_CANDIDATES = 20;
/** Shorter keys are contained in too many names to mean anything. */
const MIN_CONTAINED_KEY = 2;

/**
 * 查重 for managers: archives that may be the same customer as this one. Asked over the
 * caller's visible archives (managers see all), so it answers nothing a caller could not list.
 */
export class DuplicatesService {
  constructor(
    private readonly ds: DataSource,
    private readonly customers: CustomerService,
  ) {}

  async candidates(viewer: Viewer, globalId: string): Promise<DuplicateCandidate[]> {
    assertAnyRole(viewer, ARCHIVE_APPROVERS, 'look for duplicate archives');
    const [self] = await this.customers.byIds(viewer, [expectId(globalId, 'Customer', 'customerId')]);
    if (!self) throw notFound('Customer', globalId);
    const mobiles = (
      await this.ds
        .getRepository(Contact)
        .createQueryBuilder('k')
        .select('k.mobile', 'mobile')
        .where('k.customerId = :id AND k.mobile IS NOT NULL', { id: self.id })
        .getRawMany()
    ).map((r: { mobile: string }) => r.mobile);

    const length = dialectOf(this.ds) === 'mysql' ? 'CHAR_LENGTH' : 'LENGTH';
    const conditions: string[] = [];
    const params: Record<string, unknown> = {
      selfId: self.id,
      merged: ArchiveStatus.MERGED,
      key: self.nameKey,
      minKey: MIN_CONTAINED_KEY,
    };
    if (self.creditCode) {
      conditions.push('c.creditCode = :code');
      params.code = self.creditCode;
    }
    if (self.nameKey) {
      conditions.push(
        `(c.nameKey = :key OR (${length}(c.name_key) >= :minKey AND ${length}(:key) >= :minKey` +
          ' AND (INSTR(c.name_key, :key) > 0 OR INSTR(:key, c.name_key) > 0)))',
      );
    }
    if (self.phone) {
      conditions.push('c.phone = :phone');
      params.phone = self.phone;
    }
    if (mobiles.length) {
      conditions.push('EXISTS (SELECT 1 FROM contact dk WHERE dk.customer_id = c.id AND dk.mobile IN (:...mobiles))');
      params.mobiles = mobiles;
    }
    if (conditions.length === 0) return [];
    const rows = await this.customers
      .scoped(viewer)
      .andWhere('c.id <> :selfId AND c.status <> :merged')
      .andWhere(`(${conditions.join(' OR ')})`)
      .setParameters(params)
      .orderBy('c.id', 'ASC')
      .limit(MAX_CANDIDATES)
      .getMany();
    const shared = await this.sharedMobiles(
      rows.map((r) => r.id),
      mobiles,
    );
    return rows.map((customer) => ({ customer, reasons: reasonsFor(self, customer, shared.has(customer.id)) }));
  }

  private async sharedMobiles(ids: number[], mobiles: string[]): Promise<Set<number>> {
    if (ids.length === 0 || mobiles.length === 0) return new Set();
    const rows = await this.ds
      .getRepository(Contact)
      .createQueryBuilder('k')
      .select('DISTINCT k.customerId', 'id')
      .where('k.customerId IN (:...ids) AND k.mobile IN (:...mobiles)', { ids, mobiles })
      .getRawMany();
    return new Set(rows.map((r: { id: number | string }) => Number(r.id)));
  }
}

function reasonsFor(self: Customer, other: Customer, sharesMobile: boolean): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (self.creditCode && other.creditCode === self.creditCode) reasons.push(DuplicateReason.CREDIT_CODE);
  const [a, b] = [self.nameKey, other.nameKey];
  if (
    a &&
    b &&
    (a === b || (a.length >= MIN_CONTAINED_KEY && b.length >= MIN_CONTAINED_KEY && (a.includes(b) || b.includes(a))))
  ) {
    reasons.push(DuplicateReason.SIMILAR_NAME);
  }
  if (self.phone && other.phone === self.phone) reasons.push(DuplicateReason.SAME_PHONE);
  if (sharesMobile) reasons.push(DuplicateReason.SAME_CONTACT_MOBILE);
  return reasons;
}
