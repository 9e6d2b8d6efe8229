import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The search index of customer names (name-grams.ts): one row per distinct gram of an
 * archive's searchable texts. The primary key (customer, gram) replaces an archive's grams
 * and tells whether it has one; the (gram, created, customer) index is the posting list a
 * search reads, in the list's default order (newest archives first), so a page of a search
 * walks it and stops (name-search.ts). No foreign key: archives are never deleted
 * (destruction erases, merge marks), and the seed's LOAD DATA path would check one per gram row.
 */
@Entity({ withoutRowid: true })
@Index(['gram', 'createdAt', 'customerId'])
export class CustomerNameGram {
  @PrimaryColumn({ type: 'int' }) customerId: number;
  /** Two characters, or one (a text's last), Latin letters in lower case. */
  @PrimaryColumn({ type: 'varchar', length: 2 }) gram: string;
  /** The archive's createdAt, copied from its row (which never changes it): the posting list's order. */
  @Column({ type: 'datetime', precision: 3 }) createdAt: Date;
}
