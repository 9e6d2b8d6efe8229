import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dialectOf } from './data-source';

/** A value whose stored form is not worked out here: the caller reads its rows back. */
const UNKNOWN = Symbol('unknown');

/**
 * Rows insertRows has just written, as a read of them answers (common/rows.ts entitiesOf,
 * TypeORM's getOne): each column's value in the form the database keeps it, hydrated by
 * the driver with the column's transformer; a column a row left out holds its default, the
 * generated key the row's id. An import took a fifth of its CPU reading each chunk's new
 * rows back whole for their change events, and a round trip the database waited through.
 *
 * Worked out only for the forms the database keeps as given (text, integers, DATETIME(3)
 * dates, 'YYYY-MM-DD' days) or in one canonical form (a DECIMAL's digits at its scale); any
 * other value, type or default, and the answer is null, and the caller reads the rows.
 * Tests: test/db/stored-rows.test.ts (against reads, both databases) and
 * test/import/import-equivalence.test.ts (each imported event's payload against its row).
 */
export function storedEntities<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: readonly ObjectLiteral[],
  ids: readonly number[],
): T[] | null {
  const meta = em.connection.getMetadata(target);
  if (meta.embeddeds.length > 0) return null;
  const driver = em.connection.driver;
  const sqlite = dialectOf(em.connection) === 'sqlite';
  const columns = meta.columns
    .filter((c) => !c.isVirtual)
    .map((column) => {
      // A relation's key column has the type of the key it names (Number): the driver's name for it.
      const type = driver.normalizeType(column);
      // Most columns of a new row are left out or null: their value is worked out once, not per row.
      const once = (given: null | undefined) => {
        const kept = keptForm(column, type, { [column.propertyName]: given }, sqlite, driver);
        if (kept === UNKNOWN) return UNKNOWN;
        const value = driver.prepareHydratedValue(kept, column) as unknown;
        return typeof value === 'object' && value !== null ? UNKNOWN : value; // shared by every row: no objects
      };
      return { column, type, key: column.isGenerated && column.isPrimary, absent: once(undefined), empty: once(null) };
    });
  const byProperty = new Map(columns.map((c) => [c.column.propertyName, c]));
  const key = columns.find((c) => c.key);
  // Each column as a row that leaves it out has it, but those whose value is not the same for every row.
  const perRow = columns.filter((c) => !c.key && c.absent === UNKNOWN);
  const blank = blankEntity(
    meta,
    Object.fromEntries(columns.map((c) => [c.column.propertyName, c.key || c.absent === UNKNOWN ? null : c.absent])),
  );
  const valueOf = (c: (typeof columns)[number], row: ObjectLiteral) => {
    const kept = keptForm(c.column, c.type, row, sqlite, driver);
    return kept === UNKNOWN ? UNKNOWN : driver.prepareHydratedValue(kept, c.column);
  };
  const entities: T[] = [];
  for (const [i, row] of rows.entries()) {
    const entity = blank();
    if (key) entity[key.column.propertyName] = driver.prepareHydratedValue(ids[i], key.column);
    for (const c of perRow) {
      if (row[c.column.propertyName] !== undefined) continue;
      const value = valueOf(c, row);
      if (value === UNKNOWN) return null;
      entity[c.column.propertyName] = value;
    }
    // Then only what the row gives: a new archive gives 20 of its 87 columns.
    for (const property in row) {
      const c = byProperty.get(property);
      const given = row[property];
      if (!c || c.key || given === undefined) continue;
      const value = given === null && c.empty !== UNKNOWN ? c.empty : valueOf(c, row);
      if (value === UNKNOWN) return null;
      entity[property] = value;
    }
    entities.push(entity as T);
  }
  return entities;
}

type Driver = EntityManager['connection']['driver'];

/**
 * A maker of new entities that start as a copy of `template`: every column's property, in
 * column order, as meta.create() and an assignment per column would leave them. Why: V8 keeps
 * an object given more than a dozen properties by computed name as a hash table, and an
 * archive has 87 columns. Each snapshot was one: slow to fill, to list the keys of (the
 * history) and to write as JSON (the event). A copy of an object made in one step keeps
 * fast properties, and the row's values then only change existing ones. Where meta.create()
 * does more than construct (lazy relations, a typename property), it is used as it is.
 */
function blankEntity(meta: EntityMetadata, template: ObjectLiteral): () => ObjectLiteral {
  if (typeof meta.target !== 'function' || meta.lazyRelations.length > 0 || meta.connection.options.typename)
    return () => Object.assign(meta.create() as ObjectLiteral, template);
  const prototype = meta.target.prototype as object;
  return () => Object.setPrototypeOf({ ...template }, prototype) as ObjectLiteral;
}

/** A column's value of `row` as the database keeps it, from what insertRows sends (or the default). */
function keptForm(column: ColumnMetadata, type: string, row: ObjectLiteral, sqlite: boolean, driver: Driver): unknown {
  const given = row[column.propertyName];
  if (given === undefined && typeof column.default === 'function') return UNKNOWN;
  const sent = given === undefined ? column.default : given;
  if (sent === undefined || sent === null) return column.isNullable ? null : UNKNOWN;
  const value = given === undefined ? sent : driver.preparePersistentValue(sent, column);
  if (value === null) return null;
  switch (type) {
    case 'varchar':
    case 'text':
      return typeof value === 'string' ? value : UNKNOWN;
    case 'int':
    case 'integer':
      return Number.isSafeInteger(value) ? value : UNKNOWN;
    case 'decimal':
      return decimalAsKept(typeof value === 'number' ? String(value) : value, column.scale, sqlite);
    case 'datetime':
      return datetimeAsKept(value, column, sqlite);
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\d$/.test(value)) return UNKNOWN;
      // mysql2 answers a DATE as a Date at midnight of the connection's zone (UTC); SQLite as its text.
      return sqlite ? value : new Date(`${value}T00:00:00.000Z`);
    default:
      return UNKNOWN;
  }
}

/**
 * A DECIMAL as the database answers it: MySQL its digits at the column's scale, without
 * leading zeros or a minus on zero; SQLite (numeric affinity) the number, exact up to 15
 * significant digits. More decimals than the scale (which MySQL would round): unknown.
 */
function decimalAsKept(text: unknown, scale = 0, sqlite: boolean): unknown {
  const match = typeof text === 'string' ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(text) : null;
  if (!match || (match[3] ?? '').length > scale) return UNKNOWN;
  const whole = match[2].replace(/^0+(?=\d)/, '');
  const frac = (match[3] ?? '').padEnd(scale, '0');
  const zero = /^0*$/.test(whole + frac);
  const digits = `${zero ? '' : match[1]}${whole}${scale ? `.${frac}` : ''}`;
  if (!sqlite) return digits;
  return (whole + frac).replace(/^0+/, '').length <= 15 ? Number(digits) : UNKNOWN;
}

/** A DATETIME as sent: MySQL's driver sends a Date, SQLite's the UTC text; kept whole at millisecond precision. */
function datetimeAsKept(value: unknown, column: ColumnMetadata, sqlite: boolean): unknown {
  if ((column.precision ?? 0) < 3) return UNKNOWN;
  if (sqlite) return typeof value === 'string' ? value : UNKNOWN;
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : UNKNOWN;
}
