import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../jwt';
import { assertMayQueryBy } from '../queryable';
import { badInput } from '../../common/errors';
import { expectId } from '../../common/global-id';
import { likeContaining } from '../../common/validators';
import { dialectOf } from '../../db/data-source';
import { whereSpecOf, type WhereField, type WhereSpec } from './where';

/** A `where` tree is SQL run as given: bounded so one request cannot ask for a statement of any size. */
export const MAX_CONDITIONS = 40;
export const MAX_NESTING = 6;
const MAX_LIST = 100;
const MAX_TEXT = 128;

type Conditions = Record<string, unknown>;
let aliasSeq = 0;

/**
 * Compiles a `where` of `type` into one SQL condition on the rows of `alias`, with its
 * parameters. Relations become EXISTS subqueries on the foreign key's index; the rows they
 * reach are in the caller's scope already (a record is visible exactly when its customer
 * is), and every field named is checked against the caller's read rules first.
 */
class Compiler {
  readonly params: Record<string, unknown> = {};
  private conditions = 0;
  private readonly prefix = `w${++aliasSeq % 1_000_000}_`;
  private n = 0;

  constructor(
    private readonly qb: SelectQueryBuilder<ObjectLiteral>,
    private readonly viewer: Viewer,
  ) {}

  private param(value: unknown): string {
    const name = `${this.prefix}${++this.n}`;
    this.params[name] = value;
    return Array.isArray(value) ? `(:...${name})` : `:${name}`;
  }

  private column(spec: WhereSpec, property: string): string {
    const column = this.qb.connection.getMetadata(spec.entity).findColumnWithPropertyName(property);
    if (!column) throw new Error(`${spec.type}.${property} is no column`);
    return column.databaseName;
  }

  private table(spec: WhereSpec): string {
    return this.qb.connection.getMetadata(spec.entity).tableName;
  }

  node(type: string, alias: string, where: Conditions, path: string, depth: number): string {
    if (depth > MAX_NESTING) throw badInput(path, `nested deeper than ${MAX_NESTING} levels`);
    const spec = whereSpecOf(type);
    const parts: string[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined || value === null) continue;
      const at = `${path}.${key}`;
      if (key === 'and' || key === 'or') {
        const list = value as Conditions[];
        if (list.length > MAX_LIST) throw badInput(at, `at most ${MAX_LIST} entries`);
        const inner = list.map((w, i) => this.node(type, alias, w, `${at}[${i}]`, depth + 1));
        parts.push(
          inner.length ? `(${inner.join(key === 'and' ? ' AND ' : ' OR ')})` : key === 'and' ? '1 = 1' : '1 = 0',
        );
      } else if (key === 'not') {
        parts.push(`((${this.node(type, alias, value as Conditions, at, depth + 1)}) IS NOT TRUE)`);
      } else if (spec.fields[key]) {
        assertMayQueryBy(this.viewer, type, spec.fields[key].reads ?? key, at);
        parts.push(this.leaf(spec, alias, spec.fields[key], value as Conditions, at));
      } else if (spec.relations?.[key]) {
        assertMayQueryBy(this.viewer, type, key, at);
        parts.push(this.related(spec, alias, key, value as Conditions, at, depth));
      }
    }
    return parts.length ? parts.join(' AND ') : '1 = 1';
  }

  private related(
    spec: WhereSpec,
    alias: string,
    name: string,
    value: Conditions,
    path: string,
    depth: number,
  ): string {
    const relation = spec.relations![name];
    const other = whereSpecOf(relation.type);
    const inner = `r${++this.n}${this.prefix}`;
    if (relation.cardinality === 'one') {
      const link = `${inner}.id = ${alias}.${this.column(spec, relation.foreignKey)}`;
      return `EXISTS (SELECT 1 FROM ${this.table(other)} ${inner} WHERE ${link} AND ${this.node(relation.type, inner, value, path, depth + 1)})`;
    }
    const link = `${inner}.${this.column(other, relation.foreignKey)} = ${alias}.id`;
    const parts: string[] = [];
    for (const [quantifier, conditions] of Object.entries(value)) {
      if (conditions == null) continue;
      const exists =
        `EXISTS (SELECT 1 FROM ${this.table(other)} ${inner}${parts.length} WHERE ${link.replace(inner, `${inner}${parts.length}`)}` +
        ` AND ${this.node(relation.type, `${inner}${parts.length}`, conditions as Conditions, `${path}.${quantifier}`, depth + 1)})`;
      parts.push(quantifier === 'none' ? `NOT ${exists}` : exists);
    }
    return parts.length ? parts.join(' AND ') : '1 = 1';
  }

  private leaf(spec: WhereSpec, alias: string, field: WhereField, ops: Conditions, path: string): string {
    const col = `${alias}.${this.column(spec, field.property)}`;
    const parts: string[] = [];
    for (const [op, raw] of Object.entries(ops)) {
      if (raw === undefined || raw === null) continue;
      if (++this.conditions > MAX_CONDITIONS)
        throw badInput(path, `more than ${MAX_CONDITIONS} conditions in one where`);
      const at = `${path}.${op}`;
      if (op === 'isNull') {
        parts.push(raw ? `${col} IS NULL` : `${col} IS NOT NULL`);
        continue;
      }
      if (op === 'between') {
        const { from, to } = raw as { from: unknown; to: unknown };
        parts.push(`${col} BETWEEN ${this.value(field, from, at)} AND ${this.value(field, to, at)}`);
        continue;
      }
      if (op === 'in' || op === 'notIn') {
        const list = raw as unknown[];
        if (list.length > MAX_LIST) throw badInput(at, `at most ${MAX_LIST} values`);
        if (list.length === 0) {
          parts.push(op === 'in' ? '1 = 0' : '1 = 1');
          continue;
        }
        const inList = `${col} IN ${this.param(list.map((v) => this.plain(field, v, at)))}`;
        parts.push(op === 'in' ? inList : `(${inList}) IS NOT TRUE`);
        continue;
      }
      if (op === 'contains' || op === 'startsWith') {
        const text = this.text(raw, at);
        const pattern = op === 'contains' ? likeContaining(text) : `${likeContaining(text).slice(1)}`;
        const like = `${col} LIKE ${this.param(pattern)} ESCAPE '!'`;
        const index = field.substringIndex?.(`${alias}.id`, text, dialectOf(this.qb.connection));
        if (index) Object.assign(this.params, index.params);
        parts.push(index ? `(${index.sql} AND ${like})` : like);
        continue;
      }
      const sqlOp = { eq: '=', ne: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' }[op];
      if (!sqlOp) continue;
      const compare = `${col} ${sqlOp} ${this.value(field, raw, at)}`;
      parts.push(op === 'ne' ? `(${compare}) IS NOT TRUE` : compare);
    }
    return parts.length ? `(${parts.join(' AND ')})` : '1 = 1';
  }

  private text(raw: unknown, at: string): string {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_TEXT || /[\u0000-\u001F\u007F]/.test(raw)) {
      throw badInput(at, `must be one line of 1 to ${MAX_TEXT} characters`);
    }
    return raw;
  }

  /** The value as bound: ids opened, text checked; money cast so both databases compare it as a decimal. */
  private plain(field: WhereField, raw: unknown, at: string): unknown {
    if (field.kind === 'id') return expectId(String(raw), field.idType!, at);
    if (field.kind === 'string') return this.text(raw, at);
    return raw;
  }

  private value(field: WhereField, raw: unknown, at: string): string {
    const bound = this.param(this.plain(field, raw, at));
    return field.kind === 'decimal' ? `CAST(${bound} AS DECIMAL(18, 2))` : bound;
  }
}

/** Adds `where` (of `type`, on the rows of `alias`) to the query, refusing fields the caller may not read. */
export function applyWhere<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  type: string,
  where: Conditions | undefined,
  viewer: Viewer,
): void {
  if (!where) return;
  const compiler = new Compiler(qb as unknown as SelectQueryBuilder<ObjectLiteral>, viewer);
  const condition = compiler.node(type, alias, where, 'where', 0);
  if (condition !== '1 = 1') qb.andWhere(condition, compiler.params);
}
