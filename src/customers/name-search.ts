import { foldCase } from './name-grams';

/**
 * Looking up more grams narrows the candidates less and less while each one is another join:
 * a long query is looked up by this many of its bigrams, spread over it (first and last
 * included); the LIKE checks the rest.
 */
export const MAX_QUERY_GRAMS = 4;

export interface GramLookup {
  /** A condition on `idColumn`: true for every archive whose searched texts may contain the text. */
  sql: string;
  params: Record<string, string>;
}

let lookups = 0;

/**
 * The archives whose grams (name-grams.ts) hold all of `text`'s: every archive with a
 * searched text containing `text` is among them (a superset; the caller's LIKE decides).
 * Two or more characters: archives holding each of the chosen bigrams, read from the
 * (gram, customer) index and joined on the primary key. One character: the grams starting
 * with it, a range of that index (MySQL's LIKE prefix, so its collation decides what
 * "starting with" means; SQLite compares the folded grams by code point).
 */
export function gramLookup(idColumn: string, text: string, dialect: 'mysql' | 'sqlite'): GramLookup {
  const n = ++lookups % 1_000_000;
  const g = (i: number) => `ng${n}_${i}`;
  const chars = [...foldCase(text)];
  if (chars.length === 1) {
    const [c] = chars;
    if (dialect === 'mysql') {
      const sql = `${idColumn} IN (SELECT ${g(0)}.customer_id FROM customer_name_gram ${g(0)} WHERE ${g(0)}.gram LIKE :${g(0)} ESCAPE '!')`;
      return { sql, params: { [g(0)]: `${c.replace(/[!%_]/g, '!$&')}%` } };
    }
    const next = successor(c);
    const upper = next === null ? '' : ` AND ${g(0)}.gram < :${g(1)}`;
    const sql = `${idColumn} IN (SELECT ${g(0)}.customer_id FROM customer_name_gram ${g(0)} WHERE ${g(0)}.gram >= :${g(0)}${upper})`;
    return { sql, params: { [g(0)]: c, ...(next === null ? {} : { [g(1)]: next }) } };
  }
  const grams = bigramsOf(chars);
  const joins = grams
    .slice(1)
    .map(
      (_, i) =>
        ` JOIN customer_name_gram ${g(i + 1)} ON ${g(i + 1)}.customer_id = ${g(0)}.customer_id AND ${g(i + 1)}.gram = :${g(i + 1)}`,
    )
    .join('');
  return {
    sql: `${idColumn} IN (SELECT ${g(0)}.customer_id FROM customer_name_gram ${g(0)}${joins} WHERE ${g(0)}.gram = :${g(0)})`,
    params: Object.fromEntries(grams.map((gram, i) => [g(i), gram])),
  };
}

/** The bigrams a query of two or more characters is looked up by. */
const bigramsOf = (chars: readonly string[]): string[] =>
  spread([...new Set(chars.slice(1).map((ch, i) => chars[i] + ch))], MAX_QUERY_GRAMS);

export interface PostingJoin {
  alias: string;
  /** Join condition: this gram's row of the archive, carrying its createdAt. */
  on: string;
  params: Record<string, string>;
}

/**
 * gramLookup's candidates as joins, for a list in its default order (createdAt, then id): one
 * join per bigram, each on (customer, createdAt, gram), so each archive's row of each gram.
 * The database walks the shortest posting list of the (gram, created_at, customer_id) index in
 * that order (the others are primary-key probes) and stops when the page is full: a page reads
 * about as many postings as it shows over the share of them that match, whatever the number of
 * archives, where the candidates of gramLookup are all read and sorted. Null for a
 * one-character query, whose grams are a range (an archive may hold several of them).
 */
export function postingJoins(customerAlias: string, text: string): PostingJoin[] | null {
  const chars = [...foldCase(text)];
  if (chars.length < 2) return null;
  const n = ++lookups % 1_000_000;
  return bigramsOf(chars).map((gram, i) => {
    const alias = `pg${n}_${i}`;
    return {
      alias,
      on: `${alias}.customer_id = ${customerAlias}.id AND ${alias}.created_at = ${customerAlias}.created_at AND ${alias}.gram = :${alias}`,
      params: { [alias]: gram },
    };
  });
}

/** At most `max` of `items`, evenly spread, the first and the last kept. */
function spread<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.round((i * (items.length - 1)) / (max - 1))]);
}

/** The character after `c` in code-point order (surrogates skipped): strings starting with c sort before it. */
function successor(c: string): string | null {
  const cp = c.codePointAt(0)! + 1;
  if (cp > 0x10ffff) return null;
  return String.fromCodePoint(cp >= 0xd800 && cp <= 0xdfff ? 0xe000 : cp);
}
