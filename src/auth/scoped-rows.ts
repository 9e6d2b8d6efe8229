import type { Repository, SelectQueryBuilder } from 'typeorm';
import { childPage } from '../common/child-pages';
import type { Page, PageArgs } from '../common/connection';
import { idOrNull } from '../common/global-id';
import type { SortSpec } from '../common/paging';
import { rowsByIds } from '../common/reuse-sql';
import type { Caller } from './caller';
import type { Viewer } from './jwt';
import { scopeByCustomer, scopeVariant } from './row-scope';
import { propertiesFor } from '../common/selection';
import { RULE_COLUMNS } from './fields';

type Scope = (qb: SelectQueryBuilder<never>, alias: string, viewer: Viewer) => void;

/**
 * The reads every record type shares, each built on the row scope: a record service holds
 * one and answers its scoped query, batch lookup, lookup by global id, per-request loader and
 * a customer's page with it, so no read of a record can leave the scope out.
 */
export class ScopedRows<T extends { id: number }> {
  constructor(
    private readonly repo: Repository<T>,
    /** The record type: its global ids, and the names of its per-request loaders. */
    private readonly type: string,
    /** The alias its queries use unless told otherwise. */
    private readonly alias: string,
    /** scopeByCustomer for records under a customer; scopeCustomers for customers themselves. */
    private readonly scope: Scope = scopeByCustomer,
  ) {}

  /** Every read of this record type starts here: only rows the caller may see. */
  scoped(viewer: Viewer, alias = this.alias): SelectQueryBuilder<T> {
    const qb = this.repo.createQueryBuilder(alias);
    this.scope(qb as SelectQueryBuilder<never>, alias, viewer);
    return qb;
  }

  /**
   * Batch lookup in key order; ids outside the caller's scope come back null. `properties`:
   * the only columns to read (selection.ts propertiesFor); null or left out reads them all.
   */
  byIds(viewer: Viewer, ids: readonly number[], properties: readonly string[] | null = null): Promise<(T | null)[]> {
    return rowsByIds(this.scoped(viewer), ids, scopeVariant(viewer), properties);
  }

  /** A lookup by global id: null for an id of another type, a missing row or a hidden one alike. */
  async get(viewer: Viewer, globalId: string, properties: readonly string[] | null = null): Promise<T | null> {
    const id = idOrNull(globalId, this.type);
    return id ? (await this.byIds(viewer, [id], properties))[0] : null;
  }

  /** Per-request batched lookup, behind every relation that points at a row of this type. */
  load(caller: Caller, id: number): Promise<T | null> {
    return caller.loaders.get<number, T | null>(`${this.type}ById`, (ids) => this.byIds(caller.viewer, ids)).load(id);
  }

  /**
   * One parent's page of these rows (a customer's contacts, an employee's customers), batched
   * with every parent on the request's page: one statement per page. `fields`: what the
   * request asks of each row (selection.ts askedFields); left out, every column is read.
   */
  pageOf(
    caller: Caller,
    parentProperty: 'customerId' | 'ownerId',
    parentId: number,
    page: PageArgs,
    sort: SortSpec,
    fields?: readonly string[],
  ): Promise<Page<T>> {
    return childPage(caller, {
      name: `${this.type}By:${parentProperty}`,
      repo: this.repo,
      parentProperty,
      parentId,
      sort,
      args: page,
      scope: (qb, alias) => this.scope(qb as SelectQueryBuilder<never>, alias, caller.viewer),
      scopeVariant: scopeVariant(caller.viewer),
      // Only the columns the request asks of each row, and what the rules read off it.
      properties: propertiesFor(this.repo, fields, RULE_COLUMNS[this.type] ?? []),
    });
  }
}
