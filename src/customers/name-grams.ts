import { type EntityManager, In } from 'typeorm';
import { insertRows } from '../db/insert-rows';
import { insertGrams } from './gram-insert';
import { Customer } from './customer.entity';
import { FormerName } from './former-name.entity';
import { CustomerNameGram } from './name-gram.entity';
import { groupBy } from '../common/group-by';
import { dialectOf } from '../db/data-source';

/**
 * The customer search index (issue 17): `customers(filter: { search })` and `where` name
 * conditions look for a substring, and `LIKE '%…%'` reads every archive. Here each archive's
 * searched texts (name, short name, archive number, former names) are cut into grams kept in
 * customer_name_gram; a search reads the archives holding all of its query's grams
 * (name-search.ts) and then applies its LIKE to those alone.
 *
 * The grams of a text are its bigrams plus its last character alone. Bigrams because Chinese
 * names are searched by two-character words (华信, 物流), which trigrams (SQLite's FTS5
 * trigram tokenizer among them) cannot answer; no unigrams but the last, because a
 * one-character query is served by the grams starting with it (a character is either followed
 * by another one or ends its text), which keeps a ten-character name at ten rows, not twenty.
 *
 * Contract, the reason results equal a plain LIKE: every text containing the query holds all
 * of the query's grams. Grams fold A–Z to a–z, as both databases' LIKE do (SQLite folds only
 * those; MySQL's case-insensitive collations compare the gram column as they compare the
 * names, so anything else LIKE takes as equal is equal here too). The candidate set is a
 * superset; the LIKE decides.
 */

/** The archive's texts a search looks into; CustomerService's search condition names the same. */
export const SEARCHED_PROPERTIES = ['name', 'shortName', 'archiveNo'] as const;

/** A–Z folded as both databases' LIKE folds them; nothing else (MySQL's collation does the rest). */
export const foldCase = (text: string): string => text.replace(/[A-Z]+/g, (s) => s.toLowerCase());

/** The distinct grams of some texts (characters are code points, as the databases count them). */
export function gramsOf(texts: readonly (string | null | undefined)[]): string[] {
  const grams = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const chars = [...foldCase(text)];
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
    grams.add(chars[chars.length - 1]);
  }
  return [...grams];
}

/** One archive's searched texts, in the order CustomerService's search condition names them. */
export const searchedTexts = (
  archive: { name?: unknown; shortName?: unknown; archiveNo?: unknown },
  formerNames: readonly string[] = [],
): (string | null | undefined)[] => [archive.name, archive.shortName, archive.archiveNo, ...formerNames] as string[];

/** Whether an update of a customer changes what the index holds of it. */
export const changesSearchedTexts = (changes: object): boolean => SEARCHED_PROPERTIES.some((p) => p in changes);

type Texts = readonly (string | null | undefined)[];

/**
 * The index rows of new archives, for bulk writers (seed) that know the texts they just wrote
 * and read back the rows' createdAt (the stored value, which the posting list must equal).
 */
export const nameGramRows = (archives: readonly { id: number; createdAt: Date; texts: Texts }[]) =>
  archives.flatMap(({ id, createdAt, texts }) => gramsOf(texts).map((gram) => ({ customerId: id, gram, createdAt })));

/** The stored createdAt of archives, by id: what their grams carry. */
async function createdAtOf(em: EntityManager, ids: readonly number[]): Promise<Map<number, Date>> {
  const rows = await em
    .getRepository(Customer)
    .find({ where: { id: In([...ids]) }, select: { id: true, createdAt: true } });
  return new Map(rows.map((c) => [c.id, c.createdAt]));
}

/**
 * Adds the grams of archives that have none yet (just inserted), in the caller's transaction.
 * `createdAt`: as read back from the row; looked up when not given.
 */
export async function addNameGrams(
  em: EntityManager,
  archives: readonly { id: number; texts: Texts; createdAt?: Date }[],
): Promise<void> {
  const unknown = archives.filter((a) => !a.createdAt).map((a) => a.id);
  const created = unknown.length ? await createdAtOf(em, unknown) : new Map<number, Date>();
  await insertGrams(
    em,
    archives.map((a) => ({ id: a.id, createdAt: a.createdAt ?? created.get(a.id)!, grams: gramsOf(a.texts) })),
  );
}

/** An archive a write changed the searched texts of, with those texts as they were before it. */
export interface TextsBefore {
  id: number;
  /** At least the texts the write changed or removed; the ones it left are read anyway. */
  before: Texts;
}

/**
 * The searched texts of archives as stored now (searchedTexts with their former names), by id,
 * with the createdAt their grams carry: what refreshNameGrams indexes, and what a writer that
 * is about to change them reads as their `before` (erase.ts).
 */
export async function storedTexts(
  em: EntityManager,
  ids: readonly number[],
): Promise<Map<number, { createdAt: Date; texts: Texts }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const customers = await em.getRepository(Customer).find({
    where: { id: In(unique) },
    select: { id: true, name: true, shortName: true, archiveNo: true, createdAt: true },
  });
  const former = await em
    .getRepository(FormerName)
    .find({ where: { customerId: In(unique) }, select: { customerId: true, name: true } });
  const formerOf = groupBy(former, (f) => f.customerId);
  return new Map(
    customers.map((c) => [
      c.id,
      {
        createdAt: c.createdAt,
        texts: searchedTexts(
          c,
          (formerOf.get(c.id) ?? []).map((f) => f.name),
        ),
      },
    ]),
  );
}

/** Archives per probe or DELETE of refreshNameGrams: about 50 grams each, under both databases' parameter limits. */
const REFRESH_BATCH = 200;

type KeyedGrams = { customerId: number; createdAt: Date; grams: readonly string[] };

/**
 * `(created_at = ? AND customer_id = ? AND gram IN (…)) OR …`: one point of the primary key
 * (gram, created_at, customer_id) per gram, the only way to the rows since nothing is indexed
 * by customer.
 */
function byFullKey(archives: readonly KeyedGrams[]): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const terms = archives.map((a, i) => {
    Object.assign(params, { [`c${i}`]: a.createdAt, [`i${i}`]: a.customerId, [`g${i}`]: a.grams });
    return `(created_at = :c${i} AND customer_id = :i${i} AND gram IN (:...g${i}))`;
  });
  return { sql: terms.join(' OR '), params };
}

/**
 * Brings the grams of archives in line with their texts as stored now, in the caller's
 * transaction, after the write (so the index changes with the names, or not at all). Writes
 * only the difference: a rename changes a handful of rows, not all of an archive's.
 *
 * Contract: the index holds exactly gramsOf of each archive's stored texts (every writer keeps
 * it so), so an archive's rows are among gramsOf(before) ∪ gramsOf(now), and only those are
 * looked for, by full primary key; a row outside them is never found (nor deleted). A caller
 * that gives less than the texts it changed leaves rows of them behind: extra candidates, which
 * the search's LIKE discards, never a missed archive (every wanted gram is inserted).
 *
 * MySQL's collation may hold two grams distinct here as one row (é and e; '达 ' and '达' under
 * PAD SPACE): the probe then answers the stored one for both. A stored gram not wanted (as
 * JavaScript compares) is deleted before the wanted ones are inserted, and a wanted one that
 * finds its stored equal is a duplicate the INSERT ignores: the row is kept either way.
 */
export async function refreshNameGrams(em: EntityManager, archives: readonly TextsBefore[]): Promise<void> {
  if (archives.length === 0) return;
  const before = groupBy(archives, (a) => a.id);
  const now = await storedTexts(em, [...before.keys()]);
  const probes: (KeyedGrams & { want: Set<string> })[] = [];
  for (const [id, { createdAt, texts }] of now) {
    const want = new Set(gramsOf(texts));
    const old = gramsOf((before.get(id) ?? []).flatMap((a) => a.before)).filter((g) => !want.has(g));
    if (want.size + old.length) probes.push({ customerId: id, createdAt, grams: [...want, ...old], want });
  }
  const gone: KeyedGrams[] = [];
  const missing: { customerId: number; gram: string; createdAt: Date }[] = [];
  for (let i = 0; i < probes.length; i += REFRESH_BATCH) {
    const batch = probes.slice(i, i + REFRESH_BATCH);
    const where = byFullKey(batch);
    const stored = (await em
      .createQueryBuilder()
      .select(['gram AS gram', 'customer_id AS customerId'])
      .from(CustomerNameGram, 'g')
      .where(where.sql, where.params)
      .getRawMany()) as { gram: string; customerId: number }[];
    const storedOf = groupBy(stored, (g) => Number(g.customerId));
    for (const { customerId, createdAt, want } of batch) {
      const have = new Set((storedOf.get(customerId) ?? []).map((g) => g.gram));
      const unwanted = [...have].filter((g) => !want.has(g));
      if (unwanted.length) gone.push({ customerId, createdAt, grams: unwanted });
      for (const gram of want) if (!have.has(gram)) missing.push({ customerId, gram, createdAt });
    }
  }
  for (let i = 0; i < gone.length; i += REFRESH_BATCH) {
    const where = byFullKey(gone.slice(i, i + REFRESH_BATCH));
    await em.createQueryBuilder().delete().from(CustomerNameGram).where(where.sql, where.params).execute();
  }
  if (missing.length) await insertRows(em, CustomerNameGram, missing, { ignoreDuplicates: true });
}

/** Archives read per step of the backfill: a step's grams (about 20 an archive) stay one statement or a few. */
const BACKFILL_BATCH = 2000;
/** Gram rows per INSERT of the backfill: two parameters each, under both databases' limits. */
const BACKFILL_ROWS = 10_000;

/**
 * Fills the index for archives written before it existed (the migration that creates it):
 * by id ranges, with the same gramsOf as every write, so both dialects get the same rows.
 * The table as that migration made it, without created_at: the migration adding that column
 * copies it from the archives (ScreenSearchOrder).
 */
export async function backfillNameGrams(em: EntityManager): Promise<void> {
  for (let after = 0; ;) {
    const customers = (await em.query(
      `SELECT id, name, short_name AS shortName, archive_no AS archiveNo FROM customer WHERE id > ? ORDER BY id LIMIT ${BACKFILL_BATCH}`,
      [after],
    )) as { id: number; name: string; shortName: string | null; archiveNo: string }[];
    if (customers.length === 0) return;
    after = Number(customers[customers.length - 1].id);
    const former = (await em.query(
      'SELECT customer_id AS customerId, name FROM former_name WHERE customer_id > ? AND customer_id <= ?',
      [Number(customers[0].id) - 1, after],
    )) as { customerId: number; name: string }[];
    const formerOf = groupBy(former, (f) => Number(f.customerId));
    const rows = customers.flatMap((c) =>
      gramsOf(
        searchedTexts(
          c,
          (formerOf.get(Number(c.id)) ?? []).map((f) => f.name),
        ),
      ).map((gram) => [Number(c.id), gram]),
    );
    for (let i = 0; i < rows.length; i += BACKFILL_ROWS) {
      const slice = rows.slice(i, i + BACKFILL_ROWS);
      const ignore = dialectOf(em.connection) === 'sqlite' ? 'OR IGNORE' : 'IGNORE';
      await em.query(
        `INSERT ${ignore} INTO customer_name_gram (customer_id, gram) VALUES ${slice.map(() => '(?, ?)').join(', ')}`,
        slice.flat(),
      );
    }
  }
}
