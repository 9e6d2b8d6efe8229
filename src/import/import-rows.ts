import type { EntityManager } from 'typeorm';
import type { Viewer } from '../auth/jwt';
import type { ReadRecorder } from '../auth/read-recorder';
import type { FieldProblem, InputRules } from './row-input';

/** A data row as read: values by field in the form a client sends (only cells given), and the problems of its cells. */
export interface ReadRow {
  line: number;
  values: Record<string, unknown>;
  problems: FieldProblem[];
}

export type Outcome = 'created' | 'updated' | 'unchanged' | FieldProblem[];

/** What every kind of import shares: who imports, under which rules, and what the history says. */
export interface ImportContext {
  viewer: Viewer;
  rules: InputRules;
  /** The history note of every change, with the file's name and the row's line. */
  note: (line: number) => string;
  /** Records earlier rows of this file named: a later row naming one again is refused. */
  touched: IdSet;
  /** Confidential reads the import answers with (a refused credit order): written to the read audit, even when the import rolls back. */
  reads: ReadRecorder;
  /**
   * Whether a write may be sent before the ones before it are answered: the transaction runs
   * pipelined (db/transaction.ts; MySQL with autocommit off). On SQLite an error such as a
   * full disk can roll the transaction back, and a later write would then commit on its own.
   */
  pipelined: boolean;
}

/**
 * One kind of record (customers, contacts, trades). `chunk` checks its rows against the
 * database as `em` (the import's one transaction) sees it, and when `write` stores them with
 * their change events; it answers one outcome per row, in order. A row with problems is
 * never written.
 */
export interface RowImporter {
  chunk(em: EntityManager, rows: readonly ReadRow[], write: boolean): Promise<Outcome[]>;
  /**
   * The checks of a chunk that need no database, done ahead: called when the chunk has been
   * read, while the one before it waits for the database; its chunk() follows. Yields to the
   * event loop now and then: the one before it waits whenever a response from the database
   * sits behind a long stretch of this work.
   */
  prepare?(rows: readonly ReadRow[]): Promise<void>;
  /**
   * For an importer whose chunks finish writing after `chunk` answered: resolves once all it
   * sent is stored, or rejects with why not. Awaited before the transaction ends, either way.
   */
  settled?(): Promise<void>;
  /** The last writes of a file whose chunks all went well (numbers taken without a statement), after settled(). */
  finish?(em: EntityManager): Promise<void>;
}

/** A set of row ids as a bitmap: a million imported records take 125 KB, not a Set's tens of MB. */
export class IdSet {
  private bits = new Uint8Array(1024);

  has(id: number): boolean {
    return (this.bits[id >> 3] ?? 0) & (1 << (id & 7)) ? true : false;
  }

  add(id: number): void {
    const byte = id >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte] |= 1 << (id & 7);
  }
}

/** The distinct values given (lookups are batched per chunk). */
export function distinct<T>(values: readonly (T | null | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== null && v !== undefined))];
}
