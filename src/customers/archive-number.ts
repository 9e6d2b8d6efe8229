import type { EntityManager } from 'typeorm';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { Region } from './customer.enums';

/**
 * 档案编号: the archive-number coding rule (DOMAIN rule 1). A pattern of literal
 * characters and three placeholders: `{region}` (region code, 华东 → HD; QT when none),
 * `{year}` (four digits, UTC) and `{seq:N}` (a sequence of at least N digits, counted per
 * value of everything before it, so per region and year by default). Numbers are assigned
 * when a draft is created, so the number on the paper card is the one the approval refers to.
 */
export const DEFAULT_ARCHIVE_NO_PATTERN = '{region}{year}{seq:6}';

const REGION_CODE: Record<Region, string> = {
  NORTH: 'HB',
  EAST: 'HD',
  SOUTH: 'HN',
  CENTRAL: 'HZ',
  SOUTHWEST: 'XN',
  NORTHWEST: 'XB',
  NORTHEAST: 'DB',
};
const NO_REGION = 'QT';

/** Longest number a pattern may produce: the column is 32 wide, and trade numbers append 5 more. */
export const MAX_ARCHIVE_NO_LENGTH = 24;

export interface ArchiveNumberRule {
  /** The part before the sequence, with placeholders filled: the sequence counts per prefix. */
  prefix: (region: Region | null | undefined, at: Date) => string;
  format: (prefix: string, seq: number) => string;
}

/** Parses a pattern; a bad one stops the start with a message naming the setting and what is wrong. */
export function parseArchiveNoPattern(pattern: string): ArchiveNumberRule {
  try {
    return parse(pattern);
  } catch (err) {
    throw new Error(`Invalid configuration:\n  ARCHIVE_NO_PATTERN: ${(err as Error).message}`, { cause: err });
  }
}

function parse(pattern: string): ArchiveNumberRule {
  const match = /^((?:[A-Z0-9-]|\{region\}|\{year\})*)\{seq:([4-9])\}((?:[A-Z0-9-])*)$/.exec(pattern);
  if (!match) {
    throw new Error(
      'must be literal A-Z, 0-9 or "-" with {region} and {year} anywhere before one {seq:N} (N 4-9), e.g. {region}{year}{seq:6}',
    );
  }
  const [, head, digits, tail] = match;
  const width = Number(digits);
  const longest = head.replace('{region}', 'XX').replace('{year}', '0000').length + width + tail.length;
  if (longest > MAX_ARCHIVE_NO_LENGTH)
    throw new Error(`produces numbers of ${longest} characters; at most ${MAX_ARCHIVE_NO_LENGTH}`);
  return {
    prefix: (region, at) =>
      head.replace('{region}', region ? REGION_CODE[region] : NO_REGION).replace('{year}', String(at.getUTCFullYear())),
    format: (prefix, seq) => `${prefix}${String(seq).padStart(width, '0')}${tail}`,
  };
}

/** One row per prefix: the last sequence number handed out. Rows are never deleted, so numbers are never reused. */
@Entity()
export class ArchiveNumberSequence {
  @PrimaryColumn({ type: 'varchar', length: 24 }) prefix: string;
  @Column({ type: 'int' }) last: number;
}

/** Prefixes whose row exists already (rows are never deleted), per database. */
const knownPrefixes = new WeakMap<object, Set<string>>();

/**
 * The next number of `prefix`, inside the creating transaction; with `count`, the first of
 * that many consecutive numbers (an import numbers a chunk of new archives at once). On MySQL the sequence row
 * stays locked until that transaction ends, so concurrent creations in one region take
 * turns and commit consecutive numbers (a rolled-back creation gives its number back,
 * never having shown it). The row is made first in a statement of its own: two
 * transactions inserting the same new key would otherwise deadlock on InnoDB's gap locks.
 */
export async function nextSequence(em: EntityManager, prefix: string, count = 1): Promise<number> {
  return (await nextSequences(em, new Map([[prefix, count]]))).get(prefix)!;
}

/**
 * nextSequence of several prefixes at once (an import's chunk spans regions): on MySQL in one
 * round trip, the rows locked in prefix order so two imports never wait on each other crosswise.
 */
export async function nextSequences(
  em: EntityManager,
  counts: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  const prefixes = [...counts.keys()].sort();
  const first = new Map<string, number>();
  if (dialectOf(em.connection) === 'mysql') {
    const known = knownPrefixes.get(em.connection) ?? new Set<string>();
    knownPrefixes.set(em.connection, known);
    for (const prefix of prefixes) {
      if (known.has(prefix)) continue;
      await em.connection.query('INSERT IGNORE INTO archive_number_sequence (prefix, last) VALUES (?, 0)', [prefix]);
      known.add(prefix);
    }
    // LAST_INSERT_ID() is this connection's, so each SELECT in the same packet reads the number just taken.
    const step =
      'UPDATE archive_number_sequence SET last = LAST_INSERT_ID(last + ?) WHERE prefix = ?; SELECT LAST_INSERT_ID() AS seq';
    const results = (await em.query(
      prefixes.map(() => step).join('; '),
      prefixes.flatMap((prefix) => [counts.get(prefix)!, prefix]),
    )) as unknown[];
    prefixes.forEach((prefix, i) => {
      const [{ seq }] = results[2 * i + 1] as { seq: string | number }[];
      first.set(prefix, Number(seq) - counts.get(prefix)! + 1);
    });
    return first;
  }
  for (const prefix of prefixes) {
    const count = counts.get(prefix)!;
    const [{ last }] = (await em.query(
      'INSERT INTO archive_number_sequence (prefix, last) VALUES (?, ?) ON CONFLICT (prefix) DO UPDATE SET last = last + ? RETURNING last',
      [prefix, count, count],
    )) as { last: number }[];
    first.set(prefix, Number(last) - count + 1);
  }
  return first;
}

/**
 * Numbers for one transaction that takes them chunk after chunk (an import). A prefix's
 * first take is nextSequences', which leaves its row locked by the transaction until it ends
 * (MySQL's row lock, SQLite's write lock): no one else reads or moves that row meanwhile, so
 * later takes are counted here, with no statement at all, and store() writes each row's last
 * number once, before the commit. Each statement is a round trip the database waits through.
 */
export class HeldSequences {
  /** Per prefix: the last number its row holds, and the last taken here. */
  private readonly held = new Map<string, { stored: number; last: number }>();

  /** The first of `count` consecutive numbers per prefix. */
  async take(em: EntityManager, counts: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    const fresh = new Map([...counts].filter(([prefix]) => !this.held.has(prefix)));
    const first = fresh.size ? await nextSequences(em, fresh) : new Map<string, number>();
    for (const [prefix, count] of counts) {
      const held = this.held.get(prefix);
      if (!held) {
        const last = first.get(prefix)! + count - 1;
        this.held.set(prefix, { stored: last, last });
        continue;
      }
      first.set(prefix, held.last + 1);
      held.last += count;
    }
    return first;
  }

  /** Writes the numbers taken since each row was last written: the transaction's last step. */
  async store(em: EntityManager): Promise<void> {
    const moved = [...this.held].filter(([, held]) => held.last !== held.stored);
    if (moved.length === 0) return;
    const params: Record<string, string | number> = {};
    moved.forEach(([prefix, { stored, last }], i) =>
      Object.assign(params, { [`p${i}`]: prefix, [`s${i}`]: stored, [`l${i}`]: last }),
    );
    const { affected } = await em
      .createQueryBuilder()
      .update(ArchiveNumberSequence)
      .set({ last: () => `CASE prefix ${moved.map((_, i) => `WHEN :p${i} THEN :l${i}`).join(' ')} END` })
      .where(moved.map((_, i) => `(prefix = :p${i} AND last = :s${i})`).join(' OR '), params)
      .execute();
    // Only a row moved behind this class's back (by another statement of the transaction)
    // could differ: never hand out numbers twice.
    if (affected !== moved.length)
      throw new Error(
        `archive number sequences ${moved.map(([p]) => p).join(', ')} moved while this transaction held them`,
      );
    for (const [, held] of moved) held.stored = held.last;
  }
}
