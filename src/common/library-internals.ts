import fs from 'node:fs';
import path from 'node:path';
import type { DataSource, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { DriverUtils } from 'typeorm/driver/DriverUtils';
import WebSocket from 'ws';
import { getMetadataStorage, type ValidatorOptions } from 'class-validator';

/**
 * Every place this project reaches into a library's internals goes through this module, and
 * each says why. They were read against the versions in CHECKED; checkLibraryVersions() runs
 * at start (openDataSource, change delivery) and stops the server on any other version, so an
 * upgrade cannot quietly break what a patch relies on. To upgrade: reread the code each
 * accessor names in the new version, run the tests named there, then widen CHECKED.
 */
export const CHECKED: Record<'typeorm' | 'ws' | 'mysql2' | 'class-validator', RegExp> = {
  typeorm: /^1\.1\./,
  ws: /^8\./,
  mysql2: /^3\./,
  'class-validator': /^0\.15\./,
};

/** The installed version of `pkg`, from its package.json (TypeORM's exports map hides it from require). */
export function installedVersion(pkg: keyof typeof CHECKED): string {
  let dir = path.dirname(require.resolve(pkg));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export function checkLibraryVersions(installed: (pkg: keyof typeof CHECKED) => string = installedVersion): void {
  for (const [pkg, checked] of Object.entries(CHECKED) as [keyof typeof CHECKED, RegExp][]) {
    const version = installed(pkg);
    if (!checked.test(version)) {
      throw new Error(
        `${pkg} ${version} is installed, but src/common/library-internals.ts was checked against ${pkg} ${checked.source}: check each use of ${pkg}'s internals there against it, then update CHECKED`,
      );
    }
  }
}

// ---- TypeORM ------------------------------------------------------------------------------

/**
 * db/sqlite-transaction.ts runs SQLite write transactions itself (after a failed COMMIT,
 * TypeORM's runner kept its depth and nested every later write in a transaction that never
 * committed). It tells the runner a transaction is open, so repository calls inside use it,
 * and closes the books afterwards however it ended. Read: AbstractSqliteQueryRunner's
 * start/commit/rollbackTransaction. Tests: test/db/sqlite-disk-full.test.ts.
 */
export function markTransaction(runner: QueryRunner, open: boolean): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = open;
  state.transactionDepth = open ? 1 : 0;
}

/**
 * common/reuse-sql.ts: a hot select's SQL text built once per shape instead of on every call
 * (0.6 ms of CPU for a 64-column customer). Replaces the builder's getQuery, which TypeORM
 * calls to get the text before binding parameters. Tests: test/common/reuse-sql.test.ts.
 */
export function replaceQueryText<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  text: (build: () => string) => string,
): void {
  const build = qb.getQuery.bind(qb);
  qb.getQuery = () => text(build);
}

/**
 * db/timestamps.ts: created/updated columns with millisecond precision and a default in
 * milliseconds. TypeORM has no option for these; its drivers read them from
 * `mappedDataTypes` when building metadata. Tests: test/db/timestamps-migration.test.ts.
 */
export function setTimestampDefaults(ds: DataSource, precision: number, now: string): void {
  Object.assign(ds.driver.mappedDataTypes, {
    createDatePrecision: precision,
    createDateDefault: now,
    updateDatePrecision: precision,
    updateDateDefault: now,
  });
}

type Escape = (sql: string, parameters: ObjectLiteral, ...rest: unknown[]) => [string, unknown[]];

/**
 * db/sqlite-bind.ts: TypeORM's SQLite drivers write numbers into the SQL text, so every id
 * made a new statement and the prepared-statement cache never hit. The driver's
 * escapeQueryWithParameters is wrapped to change the parameters it is given, nothing else.
 * Tests: test/db/sqlite-bind.test.ts.
 */
export function wrapParameterEscaping(ds: DataSource, wrap: (escape: Escape) => Escape): void {
  const driver = ds.driver as unknown as { escapeQueryWithParameters: Escape };
  driver.escapeQueryWithParameters = wrap(driver.escapeQueryWithParameters.bind(driver));
}

/**
 * common/rows.ts turns a hot read's raw rows into entities without getMany()'s general transformer
 * (issue 17: the largest single cost of a list request). It needs the key getRawMany() gives
 * a column of the main alias, as TypeORM builds it (DriverUtils.buildAlias: shortened past the
 * driver's maxAliasLength). Read: RawSqlResultsToEntityTransformer.getColumnsToProcess and
 * transformColumns. Tests: test/common/rows.test.ts, test/common/keyset-paging.test.ts.
 */
export function rawColumnKey(ds: DataSource, alias: string, databaseName: string): string {
  return DriverUtils.buildAlias(ds.driver, undefined, alias, databaseName);
}

// ---- mysql2 (through TypeORM's MySQL driver) ------------------------------------------------

/** mysql2's callback connection as a MySQL query runner holds it, with LOAD DATA's stream option. */
export interface MysqlInfileConnection {
  query(
    options: { sql: string; infileStreamFactory: () => NodeJS.ReadableStream },
    callback: (err: Error | null, result?: { affectedRows?: number }) => void,
  ): void;
}

/**
 * db/load-data.ts streams LOAD DATA LOCAL INFILE rows through the transaction's own
 * connection; TypeORM's query() passes no stream, so the runner's mysql2 connection
 * (`databaseConnection`, set once the runner connected) is used directly. Read:
 * MysqlQueryRunner.connect and mysql2's Query command (infileStreamFactory).
 * Tests: test/cli/start.test.ts (seeding MySQL), test/db/seed-load-data.test.ts, test/db/load-data.test.ts.
 */
export function mysqlConnectionOf(runner: QueryRunner | undefined): MysqlInfileConnection | undefined {
  return (runner as unknown as { databaseConnection?: MysqlInfileConnection } | undefined)?.databaseConnection;
}

/**
 * db/transaction.ts closes a pooled connection it could not switch back to autocommit,
 * rather than let the pool hand it to the next caller; TypeORM's runner can only release it.
 * mysql2's PoolConnection.destroy() takes it out of the pool, and the runner's release()
 * afterwards finds no pool to return it to. Read: MysqlQueryRunner.release, mysql2's
 * PoolConnection. Only reached when a live connection refuses the SET, which no test makes
 * happen; test/db/pipelined-transaction.test.ts holds the switch back itself.
 */
export function discardConnection(runner: QueryRunner): void {
  (runner as unknown as { databaseConnection?: { destroy(): void } }).databaseConnection?.destroy();
}

/** The parts of mysql2's pool and pooled connection db/wait-limits.ts uses. */
export interface MysqlConnection {
  query: (...args: unknown[]) => unknown;
  destroy(): void;
  release(): void;
}
export interface MysqlPool {
  config: { connectionLimit?: number; queueLimit?: number };
  getConnection(cb: (err: Error | null, conn?: MysqlConnection) => void): void;
}

/**
 * db/wait-limits.ts bounds every wait for a connection and for a statement, which neither
 * TypeORM nor mysql2's pool offers (mysql2 has no acquire timeout; a per-query timeout would
 * need TypeORM to pass one). TypeORM keeps its mysql2 pool as `driver.pool`.
 * Tests: test/db/mysql-outage.test.ts.
 */
export const mysqlPool = (ds: DataSource): MysqlPool => (ds.driver as unknown as { pool: MysqlPool }).pool;

// ---- ws ---------------------------------------------------------------------------------------

interface FrameEncoder {
  frame(
    data: Buffer,
    options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
  ): Buffer[];
}
const { Sender } = WebSocket as unknown as { Sender: FrameEncoder };
const TEXT = { fin: true, opcode: 1, mask: false, readOnly: true, rsv1: false };

/**
 * changes/delivery/outlet.ts frames a run of change events once, with ws's own frame encoder
 * (public in ws, left out of @types/ws), and writes that buffer to every socket that gets the
 * same run. Sound while ws 8 writes each frame whole and no extension is negotiated.
 * Tests: test/changes/outlet.test.ts.
 */
export function frameText(message: Buffer): Buffer[] {
  return Sender.frame(message, TEXT);
}

// ---- class-validator --------------------------------------------------------------------------

type MetadataLookup = (target: object, schema: string, always: boolean, strict: boolean, groups?: string[]) => object[];
interface ValidationMetadataStore {
  getTargetValidationMetadatas: MetadataLookup;
  groupByPropertyName(metadata: object[]): Record<string, object[]>;
  addValidationMetadata(metadata: object): void;
  memoized?: true;
}

/**
 * class-validator works a class's rules out anew on every validate call: it filters its
 * store, walks every registered class for inherited rules and groups the result by
 * property. The import validates each row with the mutation's input class, and that lookup
 * took about an eighth of its CPU. Memoized per class and options (calls with groups pass
 * through), and forgotten whenever a rule is added (decorators add them as modules load).
 * Sound while ValidationExecutor.execute only reads what getTargetValidationMetadatas and
 * groupByPropertyName return (0.15: it filters them into new arrays). Installed once, by
 * import/row-input.ts. Tests: test/import (every row validated), test/common/input-validation.test.ts.
 */
export function memoizeValidationMetadata(): void {
  const store = getMetadataStorage() as unknown as ValidationMetadataStore;
  if (store.memoized) return;
  store.memoized = true;
  const lookUp = store.getTargetValidationMetadatas.bind(store);
  const group = store.groupByPropertyName.bind(store);
  const add = store.addValidationMetadata.bind(store);
  let found = new Map<object, Map<string, object[]>>();
  let grouped = new WeakMap<object[], Record<string, object[]>>();
  store.addValidationMetadata = (metadata) => {
    found = new Map();
    grouped = new WeakMap();
    add(metadata);
  };
  store.getTargetValidationMetadatas = (target, schema, always, strict, groups) => {
    if (groups?.length) return lookUp(target, schema, always, strict, groups);
    const key = `${schema}|${always}|${strict}`;
    let byOptions = found.get(target);
    if (!byOptions) found.set(target, (byOptions = new Map()));
    let metadata = byOptions.get(key);
    if (!metadata) byOptions.set(key, (metadata = lookUp(target, schema, always, strict, groups)));
    return metadata;
  };
  store.groupByPropertyName = (metadata) => {
    let byProperty = grouped.get(metadata);
    if (!byProperty) grouped.set(metadata, (byProperty = group(metadata)));
    return byProperty;
  };
  store.getTargetValidationMetadatas = narrowToShapes(store.getTargetValidationMetadatas, () => found);
}

/** A class made by shapeClass: the class it stands for, and the properties whose rules it keeps. */
const shapes = new WeakMap<object, { base: object; kept: ReadonlySet<string> }>();
const shapeClasses = new WeakMap<object, Map<string, new () => object>>();
/** Shapes per class at most: beyond that the class itself validates (every rule, the same answer). */
const SHAPES_PER_CLASS = 256;

interface ShapeMetadata {
  type: string;
  propertyName?: string;
}

/**
 * The lookup of a shape class (shapeClass): the rules of the class it stands for, narrowed to
 * the properties it keeps and to those with an IsDefined rule, memoized with the others.
 */
function narrowToShapes(lookUp: MetadataLookup, memo: () => Map<object, Map<string, object[]>>): MetadataLookup {
  return (target, schema, always, strict, groups) => {
    const shape = shapes.get(target);
    if (!shape || groups?.length) return lookUp(target, schema, always, strict, groups);
    const key = `${schema}|${always}|${strict}`;
    let byOptions = memo().get(target);
    if (!byOptions) memo().set(target, (byOptions = new Map()));
    let metadata = byOptions.get(key);
    if (!metadata) {
      const all = lookUp(shape.base, schema, always, strict, groups) as ShapeMetadata[];
      const defined = new Set(all.filter((m) => m.type === 'isDefined').map((m) => m.propertyName));
      metadata = all.filter(
        (m) => m.propertyName === undefined || shape.kept.has(m.propertyName) || defined.has(m.propertyName),
      );
      byOptions.set(key, metadata);
    }
    return metadata;
  };
}

/**
 * import/row-input.ts validates rows that fill a few of an input's fifty fields, and
 * class-validator's executor spends its time on every declared property, not on the rules:
 * a fresh error object and five filtered arrays for each, present or not. With
 * skipMissingProperties (common/validators.ts VALIDATION), a property holding null or
 * undefined can only fail an IsDefined rule (ValidationExecutor.performValidations returns
 * before any other rule), so validating an instance of this subclass, whose rules are those
 * of `present` properties and of properties with an IsDefined rule, answers exactly as
 * validating the class: a third of the time for a 12-column row. Same name as `cls`, so
 * messages naming $target do not change. Without skipMissingProperties, `cls` itself.
 * Tests: test/common/shape-validation.test.ts.
 */
export function shapeClass<T extends object>(
  cls: new () => T,
  present: readonly string[],
  options: { skipMissingProperties?: boolean },
): new () => T {
  if (options.skipMissingProperties !== true) return cls;
  memoizeValidationMetadata();
  let known = shapeClasses.get(cls);
  if (!known) shapeClasses.set(cls, (known = new Map()));
  const key = [...present].sort().join(',');
  let shape = known.get(key);
  if (!shape) {
    if (known.size >= SHAPES_PER_CLASS) return cls;
    const sub = class extends (cls as new () => object) {};
    Object.defineProperty(sub, 'name', { value: cls.name });
    shapes.set(sub, { base: cls, kept: new Set(present) });
    known.set(key, (shape = sub));
  }
  return shape as new () => T;
}

interface RuleMetadata {
  type: string;
  propertyName: string;
  constraintCls: object;
  constraints: unknown[];
  each?: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}
interface RuleConstraint {
  async?: boolean;
  instance: { validate(value: unknown, args: object): unknown };
}
interface RuleStore {
  getTargetValidationMetadatas: MetadataLookup;
  groupByPropertyName(metadata: object[]): Record<string, RuleMetadata[]>;
  getTargetValidatorConstraints(target: object): RuleConstraint[];
}

/** The rule kinds ValidationExecutor knows (ValidationTypes); passesValidation gives up on any other. */
const RULE_KINDS = new Set([
  'customValidation',
  'nestedValidation',
  'promiseValidation',
  'conditionalValidation',
  'whitelistValidation',
  'isDefined',
]);

/**
 * Whether validateSync(object, options) would find nothing wrong, worked out with the same
 * rules, each constraint's own validate(), in the order ValidationExecutor.execute and
 * performValidations apply them (0.15). The executor builds an error object, filtered
 * arrays and closures for every property and rule even when all pass: a fifth of what an
 * import allocated, whose rows nearly all pass. False means "not known to pass": the caller
 * then validates, for the messages. Nested, asynchronous and promised values, groups,
 * whitelisting and forbidUnknownValues are left to validateSync.
 * Tests: test/common/shape-validation.test.ts (against validateSync over random values).
 */
export function passesValidation(object: object, options: ValidatorOptions): boolean {
  if (options.groups?.length || options.always || options.strictGroups || options.whitelist) return false;
  if (options.forbidUnknownValues !== false) return false;
  const store = getMetadataStorage() as unknown as RuleStore;
  const grouped = store.groupByPropertyName(
    store.getTargetValidationMetadatas(object.constructor, undefined as never, false, false),
  );
  const record = object as Record<string, unknown>;
  // Plain loops: this runs for every row of an import, and closures and arrays are what it saves.
  for (const property in grouped) {
    const value = record[property];
    const rules = grouped[property];
    let conditionsHold = true;
    let nested = false;
    for (const rule of rules) {
      if (!RULE_KINDS.has(rule.type)) return false;
      if (rule.type === 'conditionalValidation')
        conditionsHold &&= Boolean((rule.constraints[0] as (o: object, v: unknown) => unknown)(object, value));
      else if (rule.type === 'nestedValidation') nested = true;
    }
    if (value instanceof Promise) return false;
    if (!conditionsHold) continue;
    if (!passesRules(store, object, value, rules, 'isDefined')) return false;
    const missing =
      (value === undefined && options.skipUndefinedProperties === true) ||
      (value === null && options.skipNullProperties === true) ||
      (value == null && options.skipMissingProperties === true);
    if (missing) continue;
    if (!passesRules(store, object, value, rules, 'customValidation')) return false;
    if (nested && value !== undefined) return false;
  }
  return true;
}

/** ValidationExecutor.customValidations over the rules of one kind, as a yes or no. */
function passesRules(store: RuleStore, object: object, value: unknown, rules: RuleMetadata[], kind: string): boolean {
  for (const rule of rules) {
    if (rule.type !== kind) continue;
    if (rule.validateIf && !rule.validateIf(object, value)) continue;
    for (const constraint of store.getTargetValidatorConstraints(rule.constraintCls)) {
      if (constraint.async) continue; // validateSync ignores them
      const args = {
        targetName: object.constructor ? object.constructor.name : undefined,
        property: rule.propertyName,
        object,
        value,
        constraints: rule.constraints,
      };
      const each = rule.each && (Array.isArray(value) || value instanceof Set || value instanceof Map);
      const values = each ? (value instanceof Map ? value.values() : (value as Iterable<unknown>)) : null;
      for (const one of values ?? [value]) {
        const valid = constraint.instance.validate(one, args);
        if (!valid || valid instanceof Promise) return false;
      }
    }
  }
  return true;
}
