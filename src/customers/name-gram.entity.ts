import { Entity, PrimaryColumn } from 'typeorm';

/**
 * The search index of customer names (name-grams.ts): one row per distinct gram of an
 * archive's searchable texts. The primary key (gram, created, customer) is the posting list a
 * search reads, in the list's default order (newest archives first), so a page of a search
 * walks it and stops (name-search.ts); an archive's other grams are probes of the same key.
 * No second index: each gram row was two B-tree inserts with one by (customer, gram), the
 * larger share of the database's work in an import (issue 19). Writers therefore find an
 * archive's rows by full key, from the texts they change (refreshNameGrams). No foreign key:
 * archives are never deleted (destruction erases, merge marks), and the seed's LOAD DATA path
 * would check one per gram row.
 */
@Entity({ withoutRowid: true })
export class CustomerNameGram {
  /** Two characters, or one (a text's last), Latin letters in lower case. */
  @PrimaryColumn({ type: 'varchar', length: 2 }) gram: string;
  /** The archive's createdAt, copied from its row (which never changes it): the posting list's order. */
  @PrimaryColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
  @PrimaryColumn({ type: 'int' }) customerId: number;
}
