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
 * Two or more characters: the posting list of the first chosen bigram, a range of the primary
 * key (gram, created_at, customer_id), each posting joined to the archive's row of every other
 * bigram by that full key (a point, not a scan: nothing is indexed by customer first). One
 * character: the grams starting with it, a range of that key (MySQL's LIKE prefix, so its
 * collation decides what "starting with" means; SQLite compares the folded grams by code point).
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
        ` JOIN customer_name_gram ${g(i + 1)} ON ${g(i + 1)}.gram = :${g(i + 1)} AND ${g(i + 1)}.created_at = ${g(0)}.created_at AND ${g(i + 1)}.customer_id = ${g(0)}.customer_id`,
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

export interface PostingWalk {
  /** The walked gram's row of the archive, joined on (customer, createdAt, gram): its createdAt orders the page. */
  alias: string;
  on: string;
  params: Record<string, string>;
  /** The archive's rows of the other grams, as a condition on it (null if there are none). */
  others: GramLookup | null;
}

/**
 * gramLookup's candidates for a list in its default order (createdAt, then id): the archive's
 * row of one bigram joined on (customer, createdAt, gram), and EXISTS for each other bigram on
 * the same full key. The database walks a posting list, a range of the primary key (gram,
 * created_at, customer_id), in that order (the other grams are probes of the full key) and
 * stops when the page is full: a page reads about as many postings as it shows over the share
 * of them that match, whatever the number of archives, where the candidates of gramLookup are
 * all read and sorted. EXISTS, not more joins: SQLite built an automatic index over a joined
 * gram's whole posting list (one key probe per posting looked dearer to it); MariaDB turns
 * them into semi-joins and still walks the shortest list. Null for a one-character query,
 * whose grams are a range (an archive may hold several of them).
 */
export function postingWalk(customerAlias: string, text: string): PostingWalk | null {
  const chars = [...foldCase(text)];
  if (chars.length < 2) return null;
  const n = ++lookups % 1_000_000;
  const [walked, ...rest] = bigramsOf(chars);
  const alias = `pg${n}_0`;
  const others = rest.map((gram, i) => {
    const g = `pg${n}_${i + 1}`;
    const sql = `EXISTS (SELECT 1 FROM customer_name_gram ${g} WHERE ${g}.gram = :${g} AND ${g}.created_at = ${customerAlias}.created_at AND ${g}.customer_id = ${customerAlias}.id)`;
    return { sql, params: { [g]: gram } };
  });
  return {
    alias,
    on: `${alias}.gram = :${alias} AND ${alias}.created_at = ${customerAlias}.created_at AND ${alias}.customer_id = ${customerAlias}.id`,
    params: { [alias]: walked },
    others: others.length
      ? { sql: others.map((o) => o.sql).join(' AND '), params: Object.assign({}, ...others.map((o) => o.params)) }
      : null,
  };
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
